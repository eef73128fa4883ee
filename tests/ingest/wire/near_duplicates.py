"""Hand-written wire stories for the near-duplicate tests: 26 events told by two to four agencies
in their own words, and 34 single stories that share topic, place or people but not the news.

Everything is fictional: the towns of Westmarch, its companies, people and figures are invented.
"""

# Story bodies keep one paragraph per line, so their lines run past the limit on purpose.
# ruff: noqa: E501

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Story:
    event: str  # the same event string = the same story (should be grouped)
    wire: str  # the agency: "Northwire", "Coastal Press", "Meridian News", "Tidewater Wire"
    title: str
    body: str  # plain text paragraphs separated by a blank line


STORIES: tuple[Story, ...] = (
    # --- Ashby Bridge closure: four wires -------------------------------------------------
    Story(
        event="harbour-bridge-closure",
        wire="Northwire",
        title="Porthaven shuts Ashby Bridge for six weeks after cable corrosion found",
        body="""PORTHAVEN, March 4 (Northwire) – Porthaven City Council will close the Ashby Bridge to all traffic from 6 a.m. on Tuesday after inspectors found corrosion in three of the 24 steel hangers that hold up its deck, cutting the main road link across the Wend estuary for at least six weeks.

The 1968 suspension bridge carries about 38,000 vehicles a day between the city centre and the eastern districts of Saltings and Wendmouth. Drivers will be sent along Quayside Road and over the Millrace Street swing bridge, a diversion the council said could add up to 25 minutes at peak times.

"We would not close a crossing this important unless we had to," city engineer Ruth Penhallow told reporters. "The hangers are not about to fail, but we cannot show that they would carry a full traffic load, and that is the test we apply."

Repairs are expected to cost about $4.2 million. Pedestrians and cyclists will also be barred; Porthaven Harbour Ferries will run a free shuttle across the estuary every 15 minutes from Tuesday morning.""",
    ),
    Story(
        event="harbour-bridge-closure",
        wire="Coastal Press",
        title="Commuters face long detours as Porthaven's main estuary crossing closes",
        body="""Tens of thousands of Porthaven commuters will have to find another way across the Wend estuary from Tuesday, when the Ashby Bridge shuts for emergency repairs that the city expects to last six weeks or more.

Traders in Saltings and Wendmouth, the districts on the far side of the bridge, said the news had come with no warning. "Half my customers come over that bridge," said Linh Carver, who chairs the Porthaven Chamber of Commerce. "Six weeks is the whole of spring. Some small shops will not get through it."

The council announced the closure on Monday afternoon. Engineers had found rust damage to three of the steel hangers linking the deck to the main cables during a routine inspection last month.

Council leader Tomasz Brenner said he understood the anger but that safety had to come first. Cars and lorries will be diverted via Quayside Road and the Millrace Street swing bridge, and the council has asked employers to let staff work from home where they can.

A free ferry shuttle will carry foot passengers and cyclists every quarter of an hour.""",
    ),
    Story(
        event="harbour-bridge-closure",
        wire="Meridian News",
        title="Corroded hangers force closure of 56-year-old Ashby Bridge",
        body="""Corrosion in the steel hangers of Porthaven's Ashby Bridge has forced the city to close the crossing, officials said on Monday, in the most serious problem found on the structure since it opened in 1968.

Three of the bridge's 24 vertical hangers, the rods that carry the weight of the road deck up to the two main suspension cables, showed loss of section where water had collected in their lower fixings, according to a council engineering report. Replacing them, and checking the rest, will take at least six weeks and cost an estimated $4.2 million.

City engineer Ruth Penhallow said there was no immediate danger of collapse. "But we cannot guarantee those hangers under full load, so the bridge has to close," she said.

The crossing, used by roughly 38,000 vehicles daily, will shut at 6 a.m. on Tuesday to vehicles, cyclists and pedestrians alike. Diverted traffic will use Quayside Road and the Millrace Street swing bridge.

The Ashby Bridge last underwent major work in 2009, when its deck was resurfaced and its expansion joints replaced. A full replacement of the hangers had been pencilled in for 2027.""",
    ),
    Story(
        event="harbour-bridge-closure",
        wire="Tidewater Wire",
        title="Ashby Bridge to close Tuesday",
        body="""PORTHAVEN (Tidewater) - The Ashby Bridge over the Wend estuary will close at 6 a.m. Tuesday for at least six weeks, Porthaven council said.

Inspectors found corrosion in three hangers supporting the deck. The repair bill is put at $4.2 million. Council engineers said the bridge was not at risk of imminent collapse but could not be certified for normal loads.

Traffic, about 38,000 vehicles a day, will be diverted over the Millrace Street swing bridge. Delays of up to 25 minutes are expected on the diversion at rush hour.

A free ferry shuttle will run for people on foot and on bikes.""",
    ),
    Story(
        event="ashby-bridge-single-lane-reopening",
        wire="Northwire",
        title="Ashby Bridge to reopen to cars on single lanes, lorries still banned",
        body="""PORTHAVEN, April 15 (Northwire) – Cars and buses will be able to cross Porthaven's Ashby Bridge again from Thursday, six weeks after the estuary crossing was shut, but only on one lane in each direction and with a 7.5-tonne weight limit, the city council said on Monday.

Engineers have fitted temporary steel supports next to the three corroded hangers found in the March inspection. Permanent replacement of all 24 hangers will continue under the deck until the end of June, and the cost of the work has risen to $5.1 million from an earlier estimate of $4.2 million.

"This is a halfway house, not the finish line," city engineer Ruth Penhallow said. "Lorries will have to keep using the Millrace Street diversion until the summer."

The free ferry shuttle across the Wend estuary will stop running on Sunday. Traders in Saltings said the partial reopening would help, but asked the council to speed up the rest of the work.""",
    ),
    Story(
        event="millrace-swing-bridge-overhaul",
        wire="Coastal Press",
        title="Porthaven approves $900,000 overhaul of Millrace Street swing bridge",
        body="""Porthaven councillors on Thursday approved $900,000 to repaint and rewire the Millrace Street swing bridge, the 1890s crossing that has carried most of the city's diverted traffic since the Ashby Bridge was closed in March.

The work will include replacing the electric motors that turn the bridge to let boats into the inner harbour, and stripping and repainting its ironwork for the first time in 22 years. The bridge will close to vehicles for three weeks in August, once the Ashby Bridge is fully reopened.

Council leader Tomasz Brenner said the swing bridge had "taken a battering" this spring. "It was never designed to carry that volume of traffic, and we owe it some care," he said.

The spending was approved by 31 votes to 4. Opposition councillors argued the money should have been found earlier, after two breakdowns left the bridge stuck open for several hours in 2022.""",
    ),
    # --- Former mayor's fraud verdict: four wires -----------------------------------------
    Story(
        event="porthaven-mayor-fraud-verdict",
        wire="Meridian News",
        title="Former Porthaven mayor Gerald Voss convicted of fraud",
        body="""Gerald Voss, who led Porthaven as mayor for seven years, was found guilty on Thursday of defrauding the city by steering $310,000 of public money to a consultancy run by his brother-in-law.

A jury at Porthaven Crown Court convicted Voss, 63, of two counts of fraud by abuse of position and one of misconduct in public office after more than 11 hours of deliberation. He was cleared of a third fraud count. His brother-in-law, Neil Strand, 58, was acquitted of all charges.

During the five-week trial, prosecutor Amrit Sandhu told jurors that Harrowgate Advisory, Strand's firm, had been paid for "strategy reports" that were largely copied from documents the council had already published. "He treated the city's accounts as if they were his own," Sandhu said in his closing speech.

Judge Helen Marchetti granted Voss bail until sentencing on April 5 but told him that all options, including prison, remained open.

Voss, who served from 2014 to 2021, showed no reaction as the verdicts were read. His barrister, Colm Ferriter, said his client would consider an appeal.""",
    ),
    Story(
        event="porthaven-mayor-fraud-verdict",
        wire="Northwire",
        title="Ex-mayor guilty over $310,000 in payments to in-law's firm",
        body="""PORTHAVEN, March 7 (Northwire) – A jury has convicted Porthaven's former mayor Gerald Voss of fraud and misconduct over city work handed to a company owned by a relative, ending a five-week trial that has dominated local politics since last year.

The majority verdicts, reached by ten jurors to two, relate to payments totalling $310,000 made between 2017 and 2020 to Harrowgate Advisory. Prosecutors said the firm had no staff other than its owner, Voss's brother-in-law Neil Strand, and delivered little of value.

Strand was found not guilty. Voss was acquitted on one of three fraud counts but convicted on the remaining two and on a charge of misconduct in public office.

"The defendant used his office to enrich his family, and the jury has seen through it," the prosecution service said in a statement after the hearing.

Sentencing is set for April 5. Voss, 63, remains on bail.""",
    ),
    Story(
        event="porthaven-mayor-fraud-verdict",
        wire="Coastal Press",
        title="Voss faces jail after jury finds him guilty of misconduct in office",
        body="""Former mayor Gerald Voss could be sent to prison next month after jurors in Porthaven decided he had abused his position to funnel city money to his wife's brother.

Voss, who ran City Hall from 2014 until he stood down in 2021, sat with his head bowed in the dock on Thursday as the foreman delivered guilty verdicts on two fraud charges and one of misconduct in public office. He was found not guilty of one further fraud count.

The case centred on $310,000 paid to Harrowgate Advisory, a consultancy owned by Neil Strand. Strand, who stood trial alongside Voss, was cleared.

Outside court, the current mayor, Alison Threlkeld, said the verdict marked "a painful day for the city, but a necessary one." The council has already tightened its rules on contracts below $50,000, which under the old system could be signed off by the mayor's office without a tender.

Judge Helen Marchetti adjourned sentencing until April 5.""",
    ),
    Story(
        event="porthaven-mayor-fraud-verdict",
        wire="Tidewater Wire",
        title="Former Porthaven mayor convicted; brother-in-law cleared",
        body="""PORTHAVEN (Tidewater) - Gerald Voss, mayor of Porthaven from 2014 to 2021, was convicted on Thursday of fraud and misconduct in public office.

Jurors found he arranged for the city to pay $310,000 to Harrowgate Advisory, run by his brother-in-law Neil Strand, between 2017 and 2020. Strand was acquitted. The jury deliberated for more than 11 hours over three days.

Voss was cleared of one fraud count. Prosecutors had described him as treating public funds "as if they were his own."

He will be sentenced on April 5 at Porthaven Crown Court. Defence lawyer Colm Ferriter said an appeal was being considered.""",
    ),
    Story(
        event="voss-sentenced",
        wire="Northwire",
        title="Former Porthaven mayor Voss jailed for three years and four months",
        body="""PORTHAVEN, April 5 (Northwire) – Gerald Voss, the former mayor of Porthaven convicted last month of steering city money to his brother-in-law's consultancy, was jailed on Friday for three years and four months.

Judge Helen Marchetti told Porthaven Crown Court that Voss, 63, had committed "a gross breach of the trust placed in him by the people of this city" and had shown no remorse. She said a suspended sentence was out of the question.

Voss was found guilty in March of two counts of fraud and one of misconduct in public office over $310,000 paid to Harrowgate Advisory between 2017 and 2020. The judge also ordered confiscation proceedings to recover the money, with a hearing set for July.

Defence barrister Colm Ferriter had asked for leniency, citing Voss's charity work and poor health. Voss was led from the dock to the cells; his family left without speaking to reporters.""",
    ),
    Story(
        event="lomax-bribery-trial-opens",
        wire="Coastal Press",
        title="Ex-deputy mayor denies taking bribes over harbourside flats",
        body="""Porthaven's former deputy mayor Priya Lomax went on trial on Monday accused of accepting $45,000 in cash and holidays from a developer in return for backing a block of harbourside flats.

Lomax, 51, denies two counts of bribery. The developer, Martin Kehoe, 60, has pleaded guilty and is expected to give evidence against her, prosecutor Amrit Sandhu told the jury at Porthaven Crown Court.

Sandhu said Lomax, who served as deputy to then-mayor Gerald Voss from 2016 to 2021, pressed planning officers to drop their objections to the 140-flat Quayside Point scheme while Kehoe paid for two family holidays abroad.

The trial, before Judge Anthony Rusk, is expected to last three weeks. Jurors were told to put out of their minds anything they had read about Voss's separate fraud case, which has no connection to the charges Lomax faces.""",
    ),
    # --- Storm Ardent: four wires ---------------------------------------------------------
    Story(
        event="storm-ardent-landfall",
        wire="Northwire",
        title="Storm Ardent kills one, leaves 61,000 homes without power in Westmarch",
        body="""PORTHAVEN, March 11 (Northwire) – Storm Ardent tore across the Westmarch coast overnight, killing a motorist, cutting electricity to 61,000 homes and shutting railways, the port and dozens of schools.

A gust of 94 mph was recorded at Kestrel Point shortly after 1 a.m., the strongest March reading at the station since records began, the National Weather Office said. A red warning for the coast was in force from midnight until 6 a.m. on Monday.

Police said a 58-year-old man died when a tree fell on his car on Haddon Lane near Ashcombe at about 2 a.m. His family has been informed.

Westmarch Power Networks said around 17,000 customers were still cut off on Monday evening and that most should be reconnected by Tuesday night. Oriel Rail suspended all trains between Porthaven and Kestrel Bay while crews cleared more than 40 fallen trees from the line.

About 120 schools stayed closed, and 38 flights were cancelled at Porthaven Airport.""",
    ),
    Story(
        event="storm-ardent-landfall",
        wire="Coastal Press",
        title="Motorist dies as record gusts batter the coast",
        body="""A man was killed and tens of thousands of households were left in the dark as Storm Ardent brought the strongest March winds on record to the Westmarch coast.

The man, 58, was driving on Haddon Lane outside Ashcombe in the early hours of Monday when an oak came down on his car, police said. He was pronounced dead at the scene.

At Kestrel Point, forecasters measured a gust of 94 mph. "For a storm to hit this hard this late in the winter is unusual," said National Weather Office meteorologist Kerry Anand. "The track brought the strongest winds right over the most exposed stretch of coast."

At its height the storm cut power to 61,000 homes. Engineers had reconnected most of them by Monday evening, with the remainder expected back on Tuesday.

The Port of Porthaven stayed closed until early afternoon, and rail passengers between Porthaven and Kestrel Bay were told not to travel.""",
    ),
    Story(
        event="storm-ardent-landfall",
        wire="Meridian News",
        title="Westmarch counts the cost of Storm Ardent: fallen trees, shut schools, no trains",
        body="""Westmarch began clearing up on Monday after Storm Ardent swept in from the Atlantic overnight, felling trees, closing around 120 schools and leaving thousands of homes without electricity into a second night.

Oriel Rail said it would not run any trains between Porthaven and Kestrel Bay until Tuesday at the earliest. Its staff had found more than 40 trees on the tracks, and a signal box near Marrowby lost part of its roof.

Westmarch Power Networks reported 61,000 properties off supply at the peak, falling to about 17,000 by early evening. "Our teams have been out since the small hours, in conditions that were at times too dangerous to climb poles," a spokeswoman said.

Rainfall reached 70 mm on high ground, and flood alerts were issued for several rivers, though no homes were reported flooded.

One person died. Police said a falling tree struck a car on Haddon Lane, near Ashcombe. The victim was a 58-year-old local man.

Ardent's peak gust, 94 mph at Kestrel Point, set a March record for the station.""",
    ),
    Story(
        event="storm-ardent-landfall",
        wire="Tidewater Wire",
        title="Storm Ardent: one dead, power cut to 61,000, coast railway shut",
        body="""KESTREL BAY (Tidewater) - Storm Ardent killed one man and cut power to 61,000 homes as it crossed Westmarch overnight into Monday, authorities said.

The man, 58, died when a tree hit his car near Ashcombe. Winds gusted to 94 mph at Kestrel Point, a March record. Up to 70 mm of rain fell on high ground.

Trains between Porthaven and Kestrel Bay were halted, 38 flights were cancelled at Porthaven Airport and the port closed until the afternoon. Around 120 schools did not open.

Power was expected to be fully restored by Tuesday night.""",
    ),
    Story(
        event="storm-ardent-forecast",
        wire="Meridian News",
        title="Storm Ardent named as forecasters warn of 80 mph gusts on Westmarch coast",
        body="""The National Weather Office named Storm Ardent on Saturday and issued an amber wind warning for the Westmarch coast from Sunday evening, saying gusts of 70 to 80 mph were possible on exposed headlands.

The storm is expected to deepen rapidly over the Atlantic before crossing the region in the early hours of Monday. Forecasters said a red warning could not be ruled out if the track shifted north.

"People should secure garden furniture and bins, and think hard about whether they need to drive on Sunday night," said meteorologist Kerry Anand. Up to 50 mm of rain could fall on the hills.

Oriel Rail said it was reviewing Monday's timetable and would publish changes by Sunday lunchtime. Westmarch Power Networks said it had put extra engineers on standby.""",
    ),
    Story(
        event="storm-ardent-insurance-claims",
        wire="Northwire",
        title="Storm Ardent insurance bill put at $85 million",
        body="""PORTHAVEN, March 19 (Northwire) – Insurers expect to pay out about $85 million for damage caused by Storm Ardent, the Westmarch Insurers' Association said on Tuesday, making it the costliest storm in the region for a decade.

Members have received some 9,400 claims so far, most for roof damage and fallen trees, and about 1,100 for vehicles. The association said the figure could rise once claims from businesses in Kestrel Bay and Porthaven's port area are assessed.

The storm, which struck on March 11 with a record March gust of 94 mph at Kestrel Point, killed one man and cut power to 61,000 homes.

"The volume in the first week was roughly three times what we see in a normal winter storm," association director Hamid Rezaei said. He urged homeowners to photograph damage before clearing it up.""",
    ),
    Story(
        event="westmarch-yellow-wind-warning",
        wire="Tidewater Wire",
        title="Yellow wind warning for Westmarch coast on Wednesday",
        body="""PORTHAVEN (Tidewater) - The National Weather Office issued a yellow wind warning for the Westmarch coast from 9 a.m. to 9 p.m. on Wednesday, with gusts of 50 to 60 mph expected on exposed coasts.

Rain totals of 15 to 20 mm were forecast, heaviest in the afternoon. The office said the low pressure system was not strong enough to be named.

Porthaven Harbour Ferries warned of possible cancellations on the Kestrel Bay route. Oriel Rail said it expected to run a normal timetable but that speed restrictions could apply.

The warning comes two weeks after Storm Ardent brought gusts of 94 mph to Kestrel Point.""",
    ),
    # --- Halvard Foods takeover: four wires -----------------------------------------------
    Story(
        event="halvard-foods-takeover",
        wire="Meridian News",
        title="Brenmoor Capital agrees $1.34 billion deal for biscuit maker Halvard Foods",
        body="""Private equity firm Brenmoor Capital has agreed to buy Halvard Foods, the Marrowby-based maker of Oat Rounds biscuits and Tarn Crisps, for $1.34 billion in cash, the companies said on Monday.

Brenmoor will pay $8.40 for each Halvard share, a premium of 31% to Friday's closing price of $6.41. Halvard's board unanimously recommended the offer, and the Halvard family trust, which owns 22% of the company, has irrevocably agreed to accept.

Halvard shares jumped 27% to $8.14 by the close in Porthaven, suggesting investors see little chance of a higher bid.

"Halvard has great brands that have been underinvested in for a decade," said Rafael Duarte, the Brenmoor partner leading the deal. Chief executive Simone Achterberg will stay on.

The deal needs competition clearance and is expected to complete in the third quarter.""",
    ),
    Story(
        event="halvard-foods-takeover",
        wire="Northwire",
        title="Halvard Foods shares soar 27% on private equity takeover",
        body="""MARROWBY, March 18 (Northwire) – Shares in Halvard Foods surged 27% on Monday after the biscuit and snack maker agreed to a $1.34 billion cash takeover by Brenmoor Capital, ending more than 60 years of family influence over one of Westmarch's biggest employers.

The $8.40-a-share offer values Halvard at 31% more than its closing price on Friday. The family trust that has held around a fifth of the company since its 1961 stock market listing has committed its 22% stake.

Brenmoor said it would not close any of Halvard's five factories or make compulsory redundancies for at least two years. The company employs about 3,200 people, around half of them in Marrowby.

That promise did little to reassure the Bakers and Food Workers Union. "Two years is not very long in a business like this," said regional secretary Gwen Talley. "We want guarantees written into the deal, not a line in a press release."

Halvard stock ended the day at $8.14.""",
    ),
    Story(
        event="halvard-foods-takeover",
        wire="Coastal Press",
        title="Marrowby snack firm Halvard to be sold; new owner promises no factory closures",
        body="""Halvard Foods, whose ovens have baked biscuits in Marrowby for more than a century, is to be sold to a private equity buyer in a deal that its new owner says will protect jobs.

Brenmoor Capital will pay $1.34 billion, or $8.40 per share. Halvard's directors are backing the bid and so is the family trust descended from founder Arthur Halvard, which holds 22% of the shares.

Brenmoor has pledged to keep all five of Halvard's plants open for at least two years and to invest in new production lines. "We are buying this business to grow it, not to break it up," said Brenmoor partner Rafael Duarte.

Chief executive Simone Achterberg said the company needed "a patient owner with deep pockets" to compete with supermarket own-label products.

Workers at the main Tarnside site heard about the sale at a staff meeting on Monday morning. The sale is expected to close between July and September.""",
    ),
    Story(
        event="halvard-foods-takeover",
        wire="Tidewater Wire",
        title="Halvard Foods agrees $8.40 a share cash offer from Brenmoor",
        body="""PORTHAVEN (Tidewater) - Halvard Foods said on Monday it had agreed to a cash takeover by Brenmoor Capital at $8.40 per share, valuing the company at $1.34 billion.

The price is 31% above Friday's close. Halvard's board recommends the offer, and holders of 22% of the shares have irrevocably accepted.

Brenmoor said it had no plans to close factories for two years. Halvard employs about 3,200 people, and chief executive Simone Achterberg will stay on. Completion is expected in the third quarter, subject to competition approval.

Halvard shares closed up 27% at $8.14.""",
    ),
    Story(
        event="halvard-ashcombe-plant-closure",
        wire="Coastal Press",
        title="Halvard Foods to shut Ashcombe biscuit plant, 160 jobs at risk",
        body="""Halvard Foods plans to close its biscuit factory in Ashcombe by the end of the year, putting 160 jobs at risk, the company told staff on Tuesday.

Production of Oat Rounds and the company's cracker range will move to its larger site at Tarnside in Marrowby, where Halvard says it will create about 60 new posts. Ashcombe workers will be offered the chance to transfer.

Chief executive Simone Achterberg said the 1970s plant needed $25 million of upgrades that could not be justified. "This is a hard decision, and we will support every person affected," she said.

The Bakers and Food Workers Union said it would fight the closure. Regional secretary Gwen Talley called it "a blow to a small town that has very few other large employers."

Halvard, which employs about 3,300 people, will now begin a 45-day consultation.""",
    ),
    Story(
        event="corran-weighs-halvard-counterbid",
        wire="Northwire",
        title="Corran Group considering rival bid for Halvard Foods",
        body="""PORTHAVEN, March 25 (Northwire) – Corran Group confirmed on Monday that it is in the early stages of considering a counter-offer for Halvard Foods, a week after the biscuit maker agreed to a $1.34 billion takeover by Brenmoor Capital.

Corran, which makes frozen foods and ready meals, said there was no certainty that an offer would be made. Under takeover rules it has until April 22 to announce a firm bid or walk away.

Halvard shares rose 6% to $8.71, above Brenmoor's $8.40-a-share cash price, as traders bet on a bidding war. Halvard's board said it continued to recommend the Brenmoor deal and urged shareholders to take no action.

The Halvard family trust, which owns 22%, has irrevocably agreed to sell to Brenmoor, a commitment that could make a rival approach harder to complete.""",
    ),
    # --- Ellisford measles outbreak: four wires -------------------------------------------
    Story(
        event="ellisford-measles-outbreak",
        wire="Northwire",
        title="Measles outbreak declared in Ellisford after 23 cases",
        body="""ELLISFORD, March 13 (Northwire) – Health officials have declared a measles outbreak in Ellisford after 23 cases were confirmed in three weeks, most of them in young children who had not been vaccinated.

Four children are being treated at Ellisford Royal Infirmary, the Westmarch Health Protection Unit said on Wednesday. None is critically ill.

The cases have been linked to two primary schools, St Aldric's and Fenwick Road, and to the Little Acorns nursery. Unvaccinated children who have been in contact with an infected person are being asked to stay away from school and nursery for 21 days.

"Measles spreads more easily than almost any other disease we know, and it can be serious," said Dr Miriam Oyelaran, Westmarch's director of public health. "Two doses of MMR give about 97% protection. It is never too late to catch up."

Only 81% of five-year-olds in Ellisford have had both doses, well below the 95% needed to stop the virus circulating.""",
    ),
    Story(
        event="ellisford-measles-outbreak",
        wire="Meridian News",
        title="Walk-in MMR clinics open as measles spreads among Ellisford children",
        body="""Parents in Ellisford are being urged to bring children to walk-in vaccination clinics this weekend after an outbreak of measles that has so far infected 23 people, nearly all of them under ten.

The clinics will run at Ellisford Leisure Centre from 10 a.m. to 4 p.m. on Saturday and Sunday, with no appointment needed. Adults who are unsure whether they were vaccinated as children can also attend.

Westmarch's director of public health, Dr Miriam Oyelaran, said vaccination rates in parts of the town had fallen "to a level where outbreaks are almost inevitable." Just 81% of children there have had two doses of the MMR vaccine by the age of five.

Four children are in hospital. Cases are concentrated around St Aldric's and Fenwick Road primary schools and a nursery.

Symptoms include a high fever, sore eyes and a blotchy red rash that appears a few days later. Anyone with symptoms should phone their doctor rather than turn up at a surgery, officials said.""",
    ),
    Story(
        event="ellisford-measles-outbreak",
        wire="Coastal Press",
        title="Four children in hospital as Ellisford measles cases reach 23",
        body="""Four children have been admitted to hospital with measles in Ellisford, where public health officials on Wednesday confirmed an outbreak linked to local schools.

The Westmarch Health Protection Unit said 23 cases had been confirmed since late February. The youngest patient is 11 months old, too young to have received a first dose of the MMR vaccine.

Headteachers at St Aldric's Primary and Fenwick Road Primary have written to families, and the Little Acorns nursery has told parents of unvaccinated children who were exposed to keep them at home for three weeks.

"We are seeing exactly what happens when coverage drops," said Dr Miriam Oyelaran, the county's director of public health. She said two doses of the vaccine were about 97% effective.

Measles was declared eliminated nationally eight years ago, but cases have risen across the country since vaccine uptake fell during the pandemic.""",
    ),
    Story(
        event="ellisford-measles-outbreak",
        wire="Tidewater Wire",
        title="Ellisford measles outbreak: 23 cases, weekend vaccine clinics",
        body="""ELLISFORD (Tidewater) - Westmarch health officials declared a measles outbreak in Ellisford on Wednesday with 23 confirmed cases, mostly in unvaccinated children.

Four children are in hospital. Cases are linked to St Aldric's and Fenwick Road primary schools and a nursery. Exposed children who are not vaccinated must stay home for 21 days, the Westmarch Health Protection Unit said.

Walk-in MMR clinics will open at Ellisford Leisure Centre on Saturday and Sunday. Two-dose coverage among five-year-olds in the town is 81%, against a 95% target.

Director of public health Dr Miriam Oyelaran said it was never too late to be vaccinated.""",
    ),
    Story(
        event="ellisford-measles-cases-rise",
        wire="Meridian News",
        title="Ellisford measles outbreak reaches 37 cases, spreads to secondary school",
        body="""The measles outbreak in Ellisford has grown to 37 confirmed cases, including the first at a secondary school, the Westmarch Health Protection Unit said on Friday.

Two pupils at Ellisford Academy tested positive this week. Officials said both had younger siblings at Fenwick Road Primary, one of the two primary schools at the centre of the outbreak declared nine days ago.

Six people have now been treated in hospital, including one adult. Nobody is seriously ill, officials said.

More than 640 doses of MMR vaccine were given at last weekend's walk-in clinics, and Dr Miriam Oyelaran, the county's director of public health, said the sessions would be repeated on Saturday. "The response has been encouraging, but the numbers tell us the virus is still moving," she said.""",
    ),
    Story(
        event="westmarch-mmr-uptake-figures",
        wire="Tidewater Wire",
        title="MMR vaccine uptake in Westmarch falls to lowest in 15 years",
        body="""PORTHAVEN (Tidewater) - The share of Westmarch children fully vaccinated against measles, mumps and rubella by age five fell to 86.3% last year, the lowest level in 15 years, according to figures published on Thursday.

Uptake was lowest in Ellisford, at 81.2%, and highest in Kestrel Bay, at 92.5%. The national target is 95%.

Dr Miriam Oyelaran, the county's director of public health, said she was "worried but not surprised" and that the county would run school-based catch-up sessions in the spring. No measles cases had been reported in Westmarch in the past year, she said.

The figures are published every quarter by the National Health Statistics Office.""",
    ),
    # --- Market close, March 4: three wires, plus two other days in the same template -----
    Story(
        event="market-close-mar-4",
        wire="Northwire",
        title="Porthaven stocks slide 1.8% as Harbour Mutual warning hits banks",
        body="""PORTHAVEN, March 4 (Northwire) – Porthaven shares posted their steepest fall in five months on Monday as a profit warning from Harbour Mutual Bank sent financial stocks tumbling.

The Porthaven Composite Index closed down 135.87 points, or 1.8%, at 7,412.36, its biggest one-day decline since October. The Westmarch Mid-Cap index lost 1.2%.

Harbour Mutual plunged 9.6% to $3.77 after the lender cut its full-year profit forecast, saying it would set aside more money for soured commercial property loans. Rival Keel Bank fell 4.1%.

"The warning has reopened questions about property exposure across the whole sector," said Ines Varga, equity strategist at Calloway Securities.

Energy provided some support. Brightwater Energy rose 2.3% as crude prices climbed. Turnover was heavy at 1.1 billion shares, against a 30-day average of 850 million, and decliners outnumbered gainers by about three to one.""",
    ),
    Story(
        event="market-close-mar-4",
        wire="Meridian News",
        title="Bank shares drag Porthaven index to biggest drop since October",
        body="""Bank stocks led a broad sell-off in Porthaven on Monday after Harbour Mutual Bank warned that losses on commercial property loans would eat into this year's profits.

Harbour Mutual's shares lost almost a tenth of their value, closing 9.6% lower at $3.77, and Keel Bank dropped 4.1%. Investors also sold smaller lenders and property developers.

The benchmark Porthaven Composite ended 1.8% weaker at 7,412.36. Three stocks fell for every one that rose, in volume of around 1.1 billion shares.

Harbour Mutual now expects full-year profit to come in 15% to 20% below last year's. Ines Varga of Calloway Securities said other lenders would be asked whether their own property books were as exposed. "This will not be the last question of its kind this reporting season," she said.

Gainers were scarce; energy producer Brightwater Energy advanced 2.3% on higher oil prices.""",
    ),
    Story(
        event="market-close-mar-4",
        wire="Tidewater Wire",
        title="MARKETS: Porthaven Composite closes down 1.8% at 7,412.36",
        body="""PORTHAVEN (Tidewater) - The Porthaven Composite Index closed down 1.8% at 7,412.36 on Monday, its largest daily fall since October.

Financials were the weakest sector. Harbour Mutual Bank fell 9.6% to $3.77 after cutting its profit forecast on commercial property provisions. Keel Bank lost 4.1%.

Brightwater Energy gained 2.3% on firmer oil prices.

The Westmarch Mid-Cap index closed down 1.2% at 18,940.10. Volume was 1.1 billion shares. Decliners led advancers 412 to 138.

Calloway Securities strategist Ines Varga said the Harbour Mutual warning had raised questions about property exposure across the banking sector.""",
    ),
    Story(
        event="market-close-mar-5",
        wire="Tidewater Wire",
        title="MARKETS: Porthaven Composite closes up 0.6% at 7,456.90",
        body="""PORTHAVEN (Tidewater) - The Porthaven Composite Index closed up 0.6% at 7,456.90 on Tuesday, recovering part of the previous session's losses.

Financials rebounded. Harbour Mutual Bank rose 2.1% to $3.85 and Keel Bank gained 1.7%.

Corvel Shipping climbed 4.4% after raising its freight rate guidance. Brightwater Energy fell 0.8% as oil prices eased.

The Westmarch Mid-Cap index closed up 0.4% at 19,015.62. Volume was 920 million shares. Advancers led decliners 331 to 214.

The bounce in bank shares looked "more like relief than conviction," said Calloway Securities strategist Ines Varga.""",
    ),
    Story(
        event="market-close-mar-7",
        wire="Tidewater Wire",
        title="MARKETS: Porthaven Composite closes down 0.4% at 7,430.05",
        body="""PORTHAVEN (Tidewater) - The Porthaven Composite Index closed down 0.4% at 7,430.05 on Thursday.

Energy was the weakest sector. Brightwater Energy fell 3.5% as crude prices dropped for a third day. Halvard Foods lost 2.2% after a broker downgrade, and Corvel Shipping edged up 0.5%.

Keel Bank rose 1.2%, while Harbour Mutual Bank was unchanged at $3.90.

The Westmarch Mid-Cap index closed down 0.3% at 19,002.47. Volume was 870 million shares. Decliners led advancers 301 to 246.

Calloway Securities strategist Ines Varga said investors were waiting for next week's inflation figures before taking big positions.""",
    ),
    # --- Rovers v Athletic: three wires, plus two results in the same template ------------
    Story(
        event="rovers-beat-athletic",
        wire="Northwire",
        title="Petrakis double keeps Rovers in the title race",
        body="""PORTHAVEN, March 9 (Northwire) – Jonah Petrakis scored twice as Porthaven Rovers beat ten-man Ellisford Athletic 3-1 at Quayside Park on Saturday to stay three points behind Coastal League leaders Kestrel Bay United.

Petrakis headed Rovers in front from a corner in the 12th minute, but Marcus Doyle curled in an equaliser for Athletic five minutes before half-time.

The game turned ten minutes after the break when Athletic defender Sam Okoro was sent off for pulling back Ilya Sorensen in the penalty area. Petrakis converted the spot kick for his 17th league goal of the season, and Sorensen sealed the win on the counter-attack in the 84th minute.

"We were patient, we kept the ball and we got our reward," said Rovers manager Anneli Kask.

Rovers are second on 52 points. Athletic remain ninth. The crowd was 14,218.""",
    ),
    Story(
        event="rovers-beat-athletic",
        wire="Coastal Press",
        title="Fenn fumes at red card as Athletic fall at Rovers",
        body="""Ellisford Athletic manager Gary Fenn accused the referee of deciding Saturday's match after his side lost 3-1 at Porthaven Rovers, having played the last 35 minutes with ten men.

Defender Sam Okoro was shown a straight red card in the 55th minute for a tug on Rovers winger Ilya Sorensen, and Jonah Petrakis scored from the resulting penalty to make it 2-1.

"It was soft, really soft. Sorensen was going away from goal," Fenn said. "At 1-1 we were the better side."

Athletic had levelled through a Marcus Doyle strike from the edge of the box on 40 minutes, cancelling out Petrakis's early header. Sorensen added Rovers' third six minutes from time.

The result lifts Rovers to 52 points, three behind Kestrel Bay United at the top. Athletic are ninth.""",
    ),
    Story(
        event="rovers-beat-athletic",
        wire="Meridian News",
        title="Football: Porthaven Rovers 3 Ellisford Athletic 1",
        body="""Porthaven Rovers moved back to within three points of Kestrel Bay United at the top of the Coastal League with a 3-1 home win over Ellisford Athletic on Saturday.

Rovers: Petrakis 12, 57 pen, Sorensen 84. Athletic: Doyle 40. Sent off: Okoro (Athletic) 55. Attendance: 14,218.

Striker Jonah Petrakis, the league's top scorer, took his tally to 17 with a header and a penalty, the latter awarded after Athletic's Sam Okoro hauled down Ilya Sorensen and was dismissed.

Athletic had looked comfortable for long spells of the first half and deserved Marcus Doyle's equaliser. Once reduced to ten men, though, they rarely got out of their own half.

Rovers visit Kestrel Bay United next Saturday, a match manager Anneli Kask called "the biggest game of our season so far".""",
    ),
    Story(
        event="rovers-draw-kestrel-bay-united",
        wire="Meridian News",
        title="Football: Kestrel Bay United 1 Porthaven Rovers 1",
        body="""Kestrel Bay United kept their three-point lead at the top of the Coastal League after a 1-1 draw with second-placed Porthaven Rovers at Harrier Lane on Saturday.

United: Wilde 63. Rovers: Petrakis 31. Attendance: 11,904.

Jonah Petrakis scored his 18th league goal of the season, turning in Ilya Sorensen's low cross just after the half-hour, but United's Aaron Wilde headed an equaliser from a free kick midway through the second half.

Rovers had the better chances late on, with Sorensen hitting the post in stoppage time. "A point away at the leaders is not a disaster, but we came for three," said Rovers manager Anneli Kask.

United have 56 points to Rovers' 53 with nine matches left.""",
    ),
    Story(
        event="athletic-draw-marrowby-town",
        wire="Meridian News",
        title="Football: Ellisford Athletic 2 Marrowby Town 2",
        body="""Ellisford Athletic twice came from behind to draw 2-2 with Marrowby Town at Fenwick Park on Saturday, a week after their defeat at Porthaven Rovers.

Athletic: Doyle 38, Fraser 77. Town: Lund 20, Kowal 61. Attendance: 6,312.

Kasper Lund put Marrowby ahead with a low shot after 20 minutes before Marcus Doyle, Athletic's top scorer, levelled with a free kick. Town regained the lead through Piotr Kowal's header, but substitute Ewan Fraser rescued a point with 13 minutes left.

Athletic were without defender Sam Okoro, who began a three-match ban following his red card at Quayside Park.

"We showed character, but we are giving away goals far too easily," said Athletic manager Gary Fenn. Athletic stay ninth; Marrowby are 12th.""",
    ),
    # --- Village school closures: three wires ---------------------------------------------
    Story(
        event="westmarch-school-closures",
        wire="Coastal Press",
        title="Three Westmarch village schools to close despite parents' campaign",
        body="""Three village primary schools in Westmarch will close in July next year after the county council's cabinet voted on Tuesday to push ahead with the plan, despite a petition of more than 4,000 signatures.

Hollin Cross, Brackwater and Stennet Moor primaries have 71 pupils between them in buildings with room for 240. The council says closing them will save $640,000 a year and let children learn in larger classes grouped by age.

The decision was carried by six votes to three. Parents in the public gallery walked out as the result was announced.

"These schools are the last public building in each of those villages," said Joanna Mellor of the Keep Our Village Schools campaign. "Once they go, they do not come back."

Pupils will be offered places at Ashcombe Primary and Fellside Primary, with free buses provided.""",
    ),
    Story(
        event="westmarch-school-closures",
        wire="Northwire",
        title="Westmarch council votes to shut Hollin Cross, Brackwater and Stennet Moor schools",
        body="""ASHCOMBE, March 19 (Northwire) – Westmarch County Council will close three small rural primary schools at the end of the next school year, its cabinet decided on Tuesday, saying falling rolls had left them unable to offer a full curriculum.

Cabinet member for education Farah Lindqvist said some teachers at the schools were teaching children from four different year groups in a single class. "Nobody went into this lightly. But we have to do what is right for the children's education, not for the buildings," she told the meeting.

A public consultation drew about 1,300 responses, 88% of them opposed to the closures. The cabinet vote was 6-3.

The savings, estimated at $640,000 a year, will be reinvested in the county's other schools, the council said.

Campaigners said they were taking legal advice.""",
    ),
    Story(
        event="westmarch-school-closures",
        wire="Meridian News",
        title="Closure vote leaves rural Westmarch villages without a school",
        body="""For the parents of Stennet Moor, the cabinet vote in Ashcombe on Tuesday means a 25-minute bus ride each way for children as young as four.

Westmarch County Council's cabinet agreed by six votes to three to close the village's primary school together with those in Hollin Cross and Brackwater. The three schools have a combined roll of 71 against 240 places, and the council expects to save $640,000 a year.

Campaign group Keep Our Village Schools collected 4,100 signatures and said 88% of consultation responses had opposed the plan. Its spokeswoman, Joanna Mellor, called the decision "a betrayal of the rural half of the county."

Education cabinet member Farah Lindqvist said the closures would take effect in July next year, giving families more than a year to prepare, and that free transport would be provided to Ashcombe Primary and Fellside Primary.""",
    ),
    Story(
        event="village-schools-judicial-review",
        wire="Tidewater Wire",
        title="Parents seek judicial review of Westmarch school closures",
        body="""ASHCOMBE (Tidewater) - Parents fighting the closure of three village primary schools in Westmarch have applied to the High Court for a judicial review of the county council's decision.

The Keep Our Village Schools group said on Tuesday it had raised $18,000 from more than 600 donors to fund the case. It argues the council failed to properly assess travel times for young pupils at Hollin Cross, Brackwater and Stennet Moor.

"We said in March that we would take legal advice, and the advice is that we have a case," spokeswoman Joanna Mellor said.

A council spokesman said the consultation had been "thorough and lawful" and that the closures would go ahead in July next year unless a court ruled otherwise.""",
    ),
    # --- Comet discovery: three wires -----------------------------------------------------
    Story(
        event="kestrel-comet-discovery",
        wire="Meridian News",
        title="PhD student spots new comet from Kestrel Bay Observatory",
        body="""A doctoral student at Kestrel Bay Observatory has discovered a new comet, which could become visible through binoculars when it swings closest to the Sun late next year.

Aisha Halloran, 26, noticed a faint, fuzzy object moving slowly against the background stars while checking images taken on March 14 by the observatory's 1.2-metre survey telescope. Observations from two other observatories confirmed it was a comet, and it has been designated C/2024 E7 (Halloran).

"I was looking for near-Earth asteroids, which is what the survey is built for, and this thing just did not look like an asteroid," Halloran said. "It had a little haze around it."

The comet is currently about 7 astronomical units from the Sun, further out than Jupiter. Its orbit suggests it will pass within about 1.1 units of the Sun in October next year.

It is the first comet discovered from Kestrel Bay since 1987.""",
    ),
    Story(
        event="kestrel-comet-discovery",
        wire="Northwire",
        title="Comet C/2024 E7 named after Kestrel Bay discoverer",
        body="""KESTREL BAY, March 20 (Northwire) – A newly found comet will carry the name of the Kestrel Bay Observatory researcher who spotted it, the observatory said on Wednesday, announcing its first such discovery in 37 years.

Comet C/2024 E7 (Halloran) was picked up on March 14 in routine images from the observatory's asteroid survey. It is a long-period comet, probably on its first trip into the inner solar system in many thousands of years, and is now beyond the orbit of Jupiter.

"Comets are notoriously hard to predict, so I won't promise a spectacle," observatory director Henrik Salo said. "But if it behaves, people in dark places could see it with binoculars in the autumn of next year."

Aisha Halloran, the doctoral student who made the discovery, said she had checked the images three times before telling anyone. "Then I ran down the corridor," she said.""",
    ),
    Story(
        event="kestrel-comet-discovery",
        wire="Coastal Press",
        title="Kestrel Bay astronomers find comet falling towards the inner solar system",
        body="""Astronomers at Kestrel Bay Observatory have found a comet that is falling towards the Sun from the outer solar system and could brighten enough next year to be picked out with binoculars from dark sites.

The object, now officially catalogued as C/2024 E7 (Halloran), appeared on images taken on March 14 by the observatory's 1.2-metre telescope. Its discoverer, research student Aisha Halloran, was searching the frames for asteroids that might pass close to Earth.

Follow-up measurements by observatories abroad showed a faint coma, the cloud of gas and dust that marks an active comet, and allowed its path to be calculated. It should reach its closest point to the Sun, about 1.1 times the Earth-Sun distance, in October next year.

Observatory director Professor Henrik Salo warned that brightness forecasts for new comets often prove too optimistic.

Founded in 1911, the observatory last discovered a comet in 1987.""",
    ),
    Story(
        event="kestrel-observatory-telescope-grant",
        wire="Northwire",
        title="Kestrel Bay Observatory wins $12 million for a bigger telescope",
        body="""KESTREL BAY, April 23 (Northwire) – Kestrel Bay Observatory has been awarded $12 million from the national Science Infrastructure Fund to build a 2.5-metre telescope that will more than double the light-gathering power of its asteroid survey.

The new instrument, due to begin observing in 2027, will replace the 1.2-metre telescope that has been the observatory's workhorse since 1994 and that last month picked up comet C/2024 E7 (Halloran).

"A bigger mirror means fainter objects, earlier warning and more discoveries," said director Henrik Salo. The grant will also pay for four new research posts.

Construction of a new dome on the observatory's hill site above Kestrel Bay is set to start next spring, subject to planning permission.""",
    ),
    # --- Oriel Rail strike: three wires ---------------------------------------------------
    Story(
        event="oriel-rail-strike",
        wire="Tidewater Wire",
        title="Oriel Rail drivers to strike for 48 hours before Easter",
        body="""PORTHAVEN (Tidewater) - Train drivers at Oriel Rail will walk out for 48 hours on March 27 and 28, the Associated Locomotive Crews union said on Thursday, in a dispute over pay and rest days.

Members backed strike action by 84% on a turnout of 79%.

The union rejected a 3.5% pay offer that it said was conditional on drivers giving up guaranteed rest days. "Our members will not be bought with a below-inflation rise and a worse rota," general secretary Dermot Quayle said.

Oriel Rail, which runs commuter services across Westmarch, said it expected to run about one in five trains. There will be no service on the Kestrel Bay branch.""",
    ),
    Story(
        event="oriel-rail-strike",
        wire="Coastal Press",
        title="Easter getaway hit as Westmarch train drivers call strike",
        body="""Westmarch rail passengers face two days of severe disruption just before the Easter weekend after drivers at Oriel Rail announced a strike.

The walkout on Wednesday March 27 and Thursday March 28 follows a ballot in which 84% of drivers who took part voted in favour. Oriel carries about 140,000 passengers a day.

Managing director Sunita Barlow called the action "deeply disappointing" and said the 3.5% offer on the table was "fair and affordable". She said the company would publish an emergency timetable next week, with roughly a fifth of normal services running, and that tickets for strike days could be used the day before or after, or refunded.

The dispute centres on Oriel's plan to change how rest days are rostered, which the Associated Locomotive Crews says would leave drivers working more weekends.""",
    ),
    Story(
        event="oriel-rail-strike",
        wire="Northwire",
        title="Oriel Rail faces two-day drivers' walkout in row over rosters",
        body="""PORTHAVEN, March 14 (Northwire) – Drivers' union ALC has called a 48-hour strike at Oriel Rail later this month, escalating a dispute that has rumbled on since last autumn over pay and changes to working patterns.

The Associated Locomotive Crews said the strike would begin at 00:01 on March 27. The ballot result, 84% in favour on a 79% turnout, comfortably cleared the legal threshold.

General secretary Dermot Quayle said Oriel's 3.5% offer was "a pay cut in real terms with strings attached", referring to proposed changes to rest-day rostering.

Oriel said services would be "very limited" and that passengers on the Kestrel Bay branch would have no trains at all on the strike days. The company said it remained open to talks.

Rail drivers in Westmarch last struck in 2019, over the introduction of driver-only trains.""",
    ),
    Story(
        event="oriel-rail-strike-called-off",
        wire="Northwire",
        title="Oriel Rail drivers call off Easter strike after improved offer",
        body="""PORTHAVEN, March 25 (Northwire) – The Associated Locomotive Crews union has suspended this week's 48-hour strike at Oriel Rail after the company improved its pay offer, meaning trains across Westmarch will run normally on Wednesday and Thursday.

Oriel has offered drivers a 4.8% rise and agreed to shelve its plans to change rest-day rostering until at least next year. Members will vote on the deal over the next three weeks.

"This is a much better offer, and it is right that drivers have their say on it," general secretary Dermot Quayle said.

Managing director Sunita Barlow said she was relieved that passengers' Easter plans would not be disrupted. Oriel carries about 140,000 passengers a day.""",
    ),
    Story(
        event="harbourline-bus-strike-vote",
        wire="Coastal Press",
        title="Porthaven bus drivers vote to strike over pay",
        body="""Bus drivers at Harbourline, Porthaven's main bus operator, have voted to strike in a dispute over pay, raising the prospect of walkouts across the city next month.

Members of the Westmarch Transport Workers' Union backed action by 91% on a 68% turnout, the union said on Monday. Harbourline has offered a 4% rise; the union wants 7%.

No dates have been set. Union organiser Kemal Doran said drivers were "willing to talk, but not willing to wait forever."

Harbourline runs 62 routes and carries about 90,000 passengers on a weekday. The company said it was disappointed and that its offer was in line with others in the industry.""",
    ),
    # --- Gallery theft: three wires -------------------------------------------------------
    Story(
        event="greyminster-painting-theft",
        wire="Coastal Press",
        title="Thieves take $2.3m Tobias Wren painting from Greyminster gallery",
        body="""Thieves broke into Greyminster Art Gallery through a roof skylight early on Thursday and escaped with a painting by Tobias Wren valued at about $2.3 million, police said.

The oil painting "Herring Boats at Kestrel Bay", completed in 1879, is one of the best known works by the Westmarch artist and has hung in the gallery since it was bequeathed by a local family in 1952.

An alarm went off at 3:12 a.m. Officers reached the gallery nine minutes later, but the intruders had gone. Two other Wren paintings in the same room were left untouched.

"It belongs to everyone in Greyminster, and we want it home," said gallery director Marguerite Lyle.

Detective Inspector Rob Castellan appealed for anyone who saw a dark-coloured van on Abbey Lane in the early hours to come forward. The gallery will stay closed until Saturday.""",
    ),
    Story(
        event="greyminster-painting-theft",
        wire="Tidewater Wire",
        title="Police hunt thieves after skylight raid on Greyminster Art Gallery",
        body="""GREYMINSTER (Tidewater) - Police are searching for thieves who stole a 19th-century painting worth an estimated $2.3 million from Greyminster Art Gallery overnight.

The work, Tobias Wren's "Herring Boats at Kestrel Bay", was taken after the thieves got in through a skylight. The alarm was raised at 3:12 a.m. on Thursday and police were at the scene within nine minutes.

Detective Inspector Rob Castellan said a dark van had been seen in nearby Abbey Lane. "This was planned. They knew which painting they wanted," he said.

The gallery is closed on Thursday and Friday while forensic teams work.""",
    ),
    Story(
        event="greyminster-painting-theft",
        wire="Meridian News",
        title="Wren's Herring Boats stolen in overnight gallery break-in",
        body="""One of the most admired paintings in Westmarch, Tobias Wren's 1879 harbour scene "Herring Boats at Kestrel Bay", was stolen from Greyminster Art Gallery in the early hours of Thursday.

The thieves lowered themselves through a skylight in the roof of the gallery's Victorian wing and lifted the canvas from the wall. Police said they were inside for less than ten minutes.

Wren, who was born in Greyminster in 1841 and died in 1903, painted the fishing fleets of the Westmarch coast for most of his career. His works rarely come to market; one sold in 2019 for $1.9 million.

Gallery director Marguerite Lyle said the painting's value to the town could not be measured in money. "Generations of schoolchildren have stood in front of it," she said.

Police described the theft as planned and said the painting would be almost impossible to sell openly. Anyone who saw a dark van near Abbey Lane is asked to contact them.""",
    ),
    Story(
        event="wren-painting-recovered",
        wire="Northwire",
        title="Stolen Tobias Wren painting found in Porthaven lock-up; two arrested",
        body="""PORTHAVEN, April 9 (Northwire) – Police have recovered "Herring Boats at Kestrel Bay", the Tobias Wren painting stolen from Greyminster Art Gallery last month, and arrested two men, Westmarch Police said on Tuesday.

Officers found the 1879 oil painting wrapped in blankets in a rented lock-up garage on an industrial estate in Porthaven on Monday evening. Men aged 34 and 41 are being held on suspicion of burglary and handling stolen goods.

Detective Inspector Rob Castellan said the painting appeared to be in good condition apart from minor scuffing to the edges of the canvas. "We have had a lot of help from the public," he said.

Gallery director Marguerite Lyle said conservators would examine the work before it went back on display, probably in June.""",
    ),
    # --- Brightwater Energy annual results: three wires -----------------------------------
    Story(
        event="brightwater-annual-results",
        wire="Northwire",
        title="Brightwater Energy profit rises 12%, raises dividend",
        body="""PORTHAVEN, Feb 28 (Northwire) – Brightwater Energy reported a 12% rise in full-year net profit on Wednesday and lifted its dividend, as higher electricity prices offset falling output from its ageing gas fields.

Net profit for 2023 was $418 million, up from $373 million a year earlier, on revenue that rose 6% to $3.9 billion. The board proposed a dividend of 46 cents a share, up 8%.

Gas production fell 4% as the older fields in the Calder Basin continued to decline. Chief executive Catriona Bell said the company would spend $1.1 billion on renewable projects over the next three years, led by the proposed Greyfell offshore wind farm.

"Our gas business pays the bills today; wind and solar will pay them tomorrow," Bell said.

Brightwater shares closed 3.1% higher at $14.62.""",
    ),
    Story(
        event="brightwater-annual-results",
        wire="Meridian News",
        title="Brightwater bets $1.1 billion on renewables as earnings climb",
        body="""Brightwater Energy will spend $1.1 billion on wind and solar projects over the next three years, the Porthaven-based utility said on Wednesday as it reported higher annual earnings.

The company's profit after tax rose 12% to $418 million in 2023. Sales increased 6% to $3.9 billion, helped by stronger prices in its power generation business, while its upstream gas output slipped 4%.

Chief executive Catriona Bell told analysts that the Greyfell offshore wind project, planned for waters off Kestrel Point, remained the centrepiece of the plan, and that a planning decision was expected within months.

Shareholders will receive a 46-cent dividend, an 8% increase. Investors welcomed the figures, sending the stock up 3.1%.""",
    ),
    Story(
        event="brightwater-annual-results",
        wire="Tidewater Wire",
        title="Brightwater Energy full-year net profit $418 million, up 12%",
        body="""PORTHAVEN (Tidewater) - Brightwater Energy reported full-year 2023 net profit of $418 million, up 12% from $373 million, on revenue of $3.9 billion, up 6%.

The company proposed a dividend of 46 cents per share, up 8%. Gas production fell 4%. Analysts at Calloway Securities had expected net profit of $401 million.

Brightwater plans $1.1 billion of renewables investment over three years, including the Greyfell offshore wind farm.

Chief executive Catriona Bell said the results showed the company could "fund the transition from its own cash flow."

Shares rose 3.1% to $14.62.""",
    ),
    Story(
        event="brightwater-q1-results",
        wire="Tidewater Wire",
        title="Brightwater Energy first-quarter net profit $96 million, down 7%",
        body="""PORTHAVEN (Tidewater) - Brightwater Energy reported first-quarter net profit of $96 million, down 7% from $103 million a year earlier, on revenue of $870 million, down 9%.

Lower wholesale gas prices weighed on earnings. Gas production fell 5% from a year earlier. Analysts at Calloway Securities had expected net profit of $99 million.

The company kept its full-year guidance and its plan to invest $1.1 billion in renewables over three years.

Chief executive Catriona Bell said the Greyfell offshore wind farm was "on track" for a planning decision in the second quarter.

Shares fell 1.4% to $14.88.""",
    ),
    Story(
        event="greyfell-wind-farm-consent",
        wire="Coastal Press",
        title="Greyfell offshore wind farm wins planning consent",
        body="""Brightwater Energy's Greyfell wind farm off the Westmarch coast has been granted planning consent, clearing the way for construction of 48 turbines about 25 km from Kestrel Point.

The 720-megawatt project, the largest in the company's $1.1 billion renewables programme, could power around 600,000 homes when complete in 2028, Brightwater said on Tuesday.

Fishing groups in Kestrel Bay had objected, arguing the turbines would close traditional grounds. The consent includes conditions on cable routes and compensation for lost catches.

"This is the moment Greyfell goes from a drawing to a project," chief executive Catriona Bell said. Work on the onshore substation is due to begin next year.""",
    ),
    # --- Hospital cyberattack: three wires ------------------------------------------------
    Story(
        event="ellisford-hospital-cyberattack",
        wire="Meridian News",
        title="Cyberattack forces Ellisford hospital to cancel operations",
        body="""Ellisford Royal Infirmary has postponed 140 planned operations and around 900 outpatient appointments after a ransomware attack shut down its computer systems over the weekend.

The Westmarch Health Trust declared a critical incident on Saturday when staff found they could not open patient records, laboratory results or X-ray images. Doctors and nurses have been working from paper notes since.

Ambulances are being sent to Porthaven General Hospital except for the most critically ill patients, and people have been asked to use the emergency department in Ellisford only if absolutely necessary.

"There is no evidence at this point that patient data has been taken, but we cannot rule it out," trust chief executive Dr Lorna Feist said on Monday. Cancer treatment and maternity services are continuing.

Police and the National Cyber Security Agency are investigating. No group has claimed responsibility.""",
    ),
    Story(
        event="ellisford-hospital-cyberattack",
        wire="Northwire",
        title="Ellisford Royal Infirmary back on paper after ransomware attack",
        body="""ELLISFORD, March 25 (Northwire) – Staff at Ellisford Royal Infirmary are running wards with pen and paper after hackers encrypted the hospital's computer systems, the latest in a series of cyberattacks on health services.

Westmarch Health Trust said the attack was detected in the early hours of Saturday. Operations and clinics scheduled for Monday and Tuesday have been postponed, affecting roughly 140 surgical patients and 900 people with outpatient appointments, who will be contacted directly.

Chief executive Dr Lorna Feist apologised to patients. "Our staff have been extraordinary, but this is not how we want to be caring for people," she said, adding that it was too early to say when systems would return.

Ambulance crews have been diverting patients to Porthaven General Hospital. Officers from the Westmarch Police cyber crime unit are working with national investigators.""",
    ),
    Story(
        event="ellisford-hospital-cyberattack",
        wire="Coastal Press",
        title="Patients urged to stay away from Ellisford A&E after hack",
        body="""People in Ellisford are being told to avoid the town's emergency department unless their condition is life-threatening, after a ransomware attack knocked out computer systems at the Royal Infirmary.

The hospital's electronic records, pathology and imaging systems have been down since early on Saturday. Without them, blood test results are being delivered by hand and scans are being read on standalone machines.

All non-urgent surgery and outpatient clinics have been cancelled for Monday and Tuesday. The Westmarch Health Trust said about 140 operations were affected.

Dr Lorna Feist, the trust's chief executive, said investigators had found no sign so far that personal information had been stolen. Maternity and cancer care are running as normal.

The nearest alternative emergency department is at Porthaven General Hospital, 22 miles away, where ambulances are being diverted.""",
    ),
    Story(
        event="ellisford-hospital-systems-restored",
        wire="Tidewater Wire",
        title="Ellisford hospital restores systems 11 days after ransomware attack",
        body="""ELLISFORD (Tidewater) - Ellisford Royal Infirmary has restored its main patient record and laboratory systems, 11 days after a ransomware attack forced it onto paper, Westmarch Health Trust said on Wednesday.

The trust said about 1,400 operations and appointments postponed since the attack would be rebooked over the next six weeks, with extra weekend clinics.

Chief executive Dr Lorna Feist confirmed for the first time that some data had been copied from the hospital's network, including staff rotas and a limited number of patient letters. Affected patients will be contacted.

Ambulances stopped diverting to Porthaven General Hospital on Tuesday.""",
    ),
    # --- River Tarn flooding: three wires -------------------------------------------------
    Story(
        event="marrowby-flooding",
        wire="Tidewater Wire",
        title="River Tarn floods Marrowby, 210 homes evacuated",
        body="""MARROWBY (Tidewater) - About 210 homes in Marrowby were evacuated on Thursday after the River Tarn burst its banks following two days of heavy rain.

The river peaked at 4.6 metres at the Tarn Bridge gauge, 1.4 metres above normal and the highest level since 2007, the Westmarch Rivers Authority said. It issued a severe flood warning, meaning danger to life.

Firefighters used boats to rescue around 30 people from homes in the Tarnside and Mill Lane areas. No injuries were reported.

A rest centre opened at Marrowby Town Hall. Tarn Road was closed.""",
    ),
    Story(
        event="marrowby-flooding",
        wire="Coastal Press",
        title="Boats rescue residents as Marrowby streets turn to rivers",
        body="""Firefighters in boats pulled about 30 people from their homes in Marrowby on Thursday morning after the River Tarn overtopped the town's flood barriers, forcing the evacuation of some 210 households.

Water was waist-deep in parts of Mill Lane by dawn. "It came up through the floorboards first, then under the door. We had about twenty minutes," said retired teacher Ann Forbes, 71, who was carried to a boat with her dog.

Marrowby's mayor, Councillor Derek Hume, thanked emergency crews and said the town hall would stay open as a rest centre for as long as needed. About 85 people were expected to sleep there.

Halvard Foods said it had stopped production at its Tarnside factory and sent staff home. The river reached its highest level since 2007, after 48 hours of almost continuous rain.""",
    ),
    Story(
        event="marrowby-flooding",
        wire="Northwire",
        title="Severe flood warning in force as Tarn reaches 17-year high",
        body="""MARROWBY, April 4 (Northwire) – A severe flood warning was in force for the River Tarn in Marrowby on Thursday after the river rose 1.4 metres above its normal level and spilled over defences, flooding streets and forcing about 210 homes to be evacuated.

The Westmarch Rivers Authority said the Tarn had peaked at 4.6 metres at Tarn Bridge early on Thursday and was expected to fall slowly through the day, but warned that more rain on Friday could slow the decline.

"The defences did what they were designed to do for most of the night, but this was more water than they were built for," authority spokesman Gareth Lowe said. The barriers were built after the 2007 floods.

Rescuers took around 30 residents to safety by boat. Tarn Road remains closed between the town centre and the bypass.""",
    ),
    Story(
        event="river-tarn-flood-alert",
        wire="Meridian News",
        title="Flood alert for River Tarn as Marrowby residents told to prepare",
        body="""The Westmarch Rivers Authority has issued a flood alert for the River Tarn at Marrowby, warning that heavy rain overnight could push river levels up again less than three weeks after the town's worst flooding in 17 years.

The Tarn stood at 3.8 metres at the Tarn Bridge gauge on Monday afternoon, about 0.6 metres above normal, and was forecast to rise by up to half a metre by Tuesday morning. Between 25 and 35 mm of rain is expected on the hills upstream.

A flood alert is the lowest of the authority's three warning levels and means flooding is possible. Sandbags are available at Marrowby Town Hall.

Residents of Tarnside and Mill Lane, many of whom have only recently returned home, were advised to move valuables upstairs. "People are understandably anxious," said Councillor Derek Hume, the town's mayor.""",
    ),
    # --- Harbourside by-election: three wires ---------------------------------------------
    Story(
        event="kestrel-bay-byelection",
        wire="Northwire",
        title="Greens take Kestrel Bay seat from Civic Party in by-election",
        body="""KESTREL BAY, March 22 (Northwire) – The Green Party won a Westmarch County Council by-election in Kestrel Bay's Harbourside ward, taking a seat held by the ruling Civic Party for almost two decades.

Marine scientist Yusuf Talbot received 1,482 votes, or 41.2%, against 1,109 for Civic candidate Oliver Brandt. Mairead Quinn of the Coastal Independents was third with 688 and Len Sorby of New Westmarch fourth with 318. Turnout was 29.4%.

"Harbourside has voted for clean beaches and buses that actually turn up," Talbot said after the count at Kestrel Bay Leisure Centre early on Friday.

The by-election was called after the death in January of Civic councillor Margaret Fane, who had represented the ward since 2005. The Civic Party keeps control of the council, with its majority cut to three.""",
    ),
    Story(
        event="kestrel-bay-byelection",
        wire="Coastal Press",
        title="Civic Party loses Harbourside to Greens in blow to Westmarch leadership",
        body="""Westmarch's ruling Civic Party suffered its first by-election defeat in six years on Thursday, losing the Harbourside ward in Kestrel Bay to the Greens on a swing that will worry its leadership ahead of next year's county elections.

Green candidate Yusuf Talbot won by 373 votes, with 41% of the vote, after a campaign focused on sewage discharges at Harbourside beach and cuts to evening bus services.

Council leader Graham Ashdown called the result disappointing but typical of mid-term contests. "Voters use by-elections to send a message, and we have heard it," he said.

The Civic Party's candidate, Oliver Brandt, took 1,109 votes. Only 29.4% of registered voters turned out.

The seat fell vacant when long-serving councillor Margaret Fane died in January.""",
    ),
    Story(
        event="kestrel-bay-byelection",
        wire="Meridian News",
        title="Kestrel Bay by-election: Talbot (Green) elected for Harbourside",
        body="""Yusuf Talbot of the Green Party has been elected to Westmarch County Council for the Harbourside ward of Kestrel Bay, gaining the seat from the Civic Party.

Result: Yusuf Talbot (Green) 1,482; Oliver Brandt (Civic) 1,109; Mairead Quinn (Coastal Independents) 688; Len Sorby (New Westmarch) 318. Turnout 29.4%.

Talbot, 34, works at the Kestrel Bay marine research station and has campaigned against sewage discharges into the bay. He becomes the Greens' fourth councillor on the 61-seat authority.

The vacancy arose after the death of Civic Party councillor Margaret Fane. The result leaves the Civic Party with 32 seats, a working majority of three.""",
    ),
    Story(
        event="marrowby-north-byelection",
        wire="Meridian News",
        title="Marrowby North by-election: Ibbotson (Civic) elected",
        body="""Ruth Ibbotson of the Civic Party has held the Marrowby North ward on Westmarch County Council in a by-election, four weeks after the party lost Harbourside in Kestrel Bay to the Greens.

Result: Ruth Ibbotson (Civic) 1,203; Amir Haddad (Green) 874; Colin Pratt (Coastal Independents) 402; Len Sorby (New Westmarch) 210. Turnout 24.1%.

Ibbotson, a former nurse, campaigned on flood defences after this month's River Tarn flooding. The vacancy arose when Civic councillor Peter Rowntree resigned for health reasons.

The result leaves the Civic Party with 32 of the council's 61 seats.""",
    ),
    # --- Chengwan metro line 3 opens (Chinese): two wires ---------------------------------
    Story(
        event="zh-chengwan-metro-line3-opening",
        wire="Meridian News",
        title="澄湾地铁3号线一期今日开通运营",
        body="""3月30日上午10时，澄湾市地铁3号线一期工程正式开通运营。该线北起望湖站，南至港城南站，全长21.6公里，共设车站17座，均为地下站，全程运行时间约38分钟。

3号线与1号线在市民中心站换乘，与2号线在澄湾火车站换乘。开通初期，工作日高峰时段行车间隔为4分30秒，平峰时段为6分钟；首班车6时发出，末班车22时30分。

澄湾地铁集团总经理王立衡表示，3号线贯通城市南北，将有效缓解滨江大道等主干道的交通压力。开通后，澄湾地铁线网总里程达到78公里。

据悉，3号线一期工程于2019年开工，总投资约168亿元。""",
    ),
    Story(
        event="zh-chengwan-metro-line3-opening",
        wire="Northwire",
        title="贯通南北 澄湾第三条地铁线迎来首批乘客",
        body="""澄湾3月30日电（北方通讯社）——经过近五年建设，澄湾市地铁3号线一期30日正式载客运营。首批乘客一早便在望湖站排起长队，体验这条纵贯城市南北的新线路。

据澄湾地铁集团介绍，3号线一期从望湖站到港城南站，线路长21.6公里，设17座车站，单程约需38分钟，乘客可在市民中心站和澄湾火车站分别换乘1号线、2号线。列车最高时速80公里，早晚高峰最小间隔4分半。

“以前从望湖到港城上班要坐一个多小时公交，现在不到40分钟。”家住望湖片区的刘女士说。

集团总经理王立衡称，3号线开通后，全市地铁运营里程增至78公里，预计该线日均客流将超过25万人次。""",
    ),
    Story(
        event="zh-chengwan-line3-signal-fault",
        wire="Tidewater Wire",
        title="澄湾地铁3号线早高峰信号故障 部分列车晚点",
        body="""4月8日早高峰期间，澄湾市地铁3号线望湖站至市民中心站区间发生信号设备故障，部分列车晚点，最长延误约25分钟。这是该线3月30日开通以来首次出现较大范围延误。

澄湾地铁集团通报称，故障发生于7时42分，维修人员于8时50分排除故障，全线运营逐步恢复正常。故障期间，列车改为人工驾驶、限速运行，约3万名乘客出行受到影响。

集团通过官方社交媒体账号向乘客致歉，表示乘客可在车站领取延误证明，并已临时在望湖站及滨江大道沿线加开公交接驳。

集团总经理王立衡表示，将组织设备厂家对3号线信号系统进行全面排查。""",
    ),
    # --- Salt-tolerant rice in Lanjiang (Chinese): two wires ------------------------------
    Story(
        event="zh-lanjiang-salt-tolerant-rice",
        wire="Meridian News",
        title="岚江农科院培育出耐盐水稻新品种",
        body="""岚江市农业科学院日前发布消息，该院历时八年培育的耐盐水稻新品种“岚海2号”已通过省级品种审定，可在含盐量0.6%的土壤中正常生长。

据介绍，“岚海2号”在东港县沿海滩涂进行了连续三年的试种，平均亩产达到520公斤，比当地常规品种增产约三成，米质达到国家三级优质米标准。

项目负责人、研究员周慧敏说，沿海地区有大量盐碱地长期闲置，耐盐品种的推广有望让这些土地“变废为宝”，也能增加农民收入。

该院计划明年在沿海三个县推广种植5万亩。""",
    ),
    Story(
        event="zh-lanjiang-salt-tolerant-rice",
        wire="Coastal Press",
        title="盐碱地也能种好稻 “岚海2号”明年将推广5万亩",
        body="""在含盐量高达0.6%的滩涂地上种水稻，亩产还能超过500公斤——岚江市农业科学院研究员周慧敏团队近日交出了这样一份答卷。

由该团队选育的耐盐水稻“岚海2号”日前通过审定。周慧敏介绍，团队从2016年起用本地耐盐野生稻与高产品种杂交，先后筛选了上千个株系，最终得到这个既耐盐又高产的品种。在东港县三年的田间试验中，其平均亩产为520公斤。

“过去这些地方连草都长不好，现在能收稻子，大家种粮的积极性很高。”东港县一位种粮大户说。

按照计划，“岚海2号”将于明年在沿海地区推广种植5万亩，团队还将在盐度更高的土地上继续开展试验。""",
    ),
    # --- Almendrales port strike (Spanish): two wires -------------------------------------
    Story(
        event="es-almendrales-port-strike",
        wire="Meridian News",
        title="Los estibadores de Almendrales paralizan el puerto con una huelga de 72 horas",
        body="""Los cerca de 1.100 estibadores del puerto de Almendrales iniciaron este lunes una huelga de 72 horas contra el plan de automatización de la terminal de contenedores, que ha dejado prácticamente paralizada la actividad de carga y descarga.

Catorce buques permanecían fondeados frente a la bocana a media tarde a la espera de poder atracar, según la Autoridad Portuaria. La Cámara de Comercio calcula que el paro cuesta unos tres millones de euros al día a las empresas de la zona.

El Sindicato Portuario de Almendrales sostiene que el proyecto de la operadora TerMar Almendrales, que prevé grúas y vehículos manejados a distancia, eliminará unos 300 puestos de trabajo en cinco años. "No estamos contra la tecnología, estamos contra que nos la impongan sin negociar", afirmó su portavoz, Inés Calvo.

La empresa asegura que no habrá despidos y que los trabajadores afectados serán recolocados. Los servicios mínimos garantizan la descarga de mercancías perecederas.""",
    ),
    Story(
        event="es-almendrales-port-strike",
        wire="Tidewater Wire",
        title="Huelga en el puerto de Almendrales: 14 barcos esperan para atracar",
        body="""ALMENDRALES (Tidewater) - La huelga de estibadores convocada hasta el miércoles mantiene bloqueada la terminal de contenedores del puerto de Almendrales, donde al menos 14 mercantes aguardan turno para entrar.

El paro, secundado según el sindicato por la práctica totalidad de la plantilla de 1.100 trabajadores, responde a la automatización proyectada por TerMar Almendrales. Los estibadores temen perder unos 300 empleos en los próximos cinco años.

Ramón Echeverri, presidente de la Autoridad Portuaria, pidió a ambas partes que vuelvan a sentarse a negociar "cuanto antes" y recordó que el ferry de pasajeros funciona con normalidad.

La Cámara de Comercio cifra las pérdidas en tres millones de euros diarios. TerMar insiste en que nadie será despedido y en que la plantilla afectada pasará a otros puestos.""",
    ),
    # --- Tamsin Mobile outage: two wires --------------------------------------------------
    Story(
        event="tamsin-mobile-outage",
        wire="Coastal Press",
        title="Tamsin Mobile blames software update for nine-hour outage",
        body="""A faulty software update caused a nationwide outage that left 2.3 million Tamsin Mobile customers without calls, texts or mobile data for about nine hours on Tuesday, the company said.

The problem began at 4:40 a.m. when an update was installed on the operator's core network. Services were gradually restored from late morning and were fully working again by 1:50 p.m.

Chief executive Mehmet Aras apologised and said every customer would receive two days of free service. "We let people down badly today, and we will find out exactly how this happened," he said.

Card payment terminals that rely on Tamsin's network also stopped working, leaving some shops and taxi drivers able to take only cash.""",
    ),
    Story(
        event="tamsin-mobile-outage",
        wire="Northwire",
        title="Regulator to investigate Tamsin Mobile outage after emergency call failures",
        body="""PORTHAVEN, April 2 (Northwire) – The Communications Authority said on Tuesday it would investigate a nine-hour Tamsin Mobile outage after some customers reported they had been unable to reach emergency services.

About 2.3 million people lost mobile service from 4:40 a.m. Tamsin said the cause was an update to its core network software, not a cyberattack, and that all services were back by early afternoon.

"Being able to call for help is not optional," the authority said in a statement. "We will examine whether Tamsin met its obligations."

Tamsin chief executive Mehmet Aras said customers would be credited with two days' charges. The company, the country's third-largest mobile operator, has around 6 million subscribers.""",
    ),
    Story(
        event="tamsin-mobile-fined",
        wire="Meridian News",
        title="Tamsin Mobile fined $4.8 million over April network failure",
        body="""The Communications Authority has fined Tamsin Mobile $4.8 million for failing to protect access to emergency services during a nine-hour network outage in April.

The regulator found that at least 310 attempted emergency calls failed during the outage on April 2, which was caused by a faulty software update and cut off 2.3 million customers. It said Tamsin had not tested the update properly and had no working plan to route emergency calls over other networks.

Tamsin accepted the findings and said it had since changed its testing procedures. Chief executive Mehmet Aras said the company "deeply regrets" the failures.

The fine is the largest the authority has imposed on a mobile operator.""",
    ),
    # --- Corvel Aster grounding: two wires ------------------------------------------------
    Story(
        event="corvel-aster-grounding",
        wire="Tidewater Wire",
        title="Container ship aground off Kestrel Bay in fog",
        body="""KESTREL BAY (Tidewater) - The container ship Corvel Aster ran aground on Grannick Shoal about 3 km off Kestrel Bay early on Friday in thick fog, the Westmarch Coastguard said.

All 16 crew were safe and there was no sign of pollution. The 148-metre vessel, operated by Porthaven-based Corvel Shipping, was carrying 860 containers and about 380 tonnes of fuel oil on a voyage from Porthaven to northern Europe.

The coastguard set up a 500-metre exclusion zone. Salvage tugs will attempt to refloat the ship at high tide.

The Marine Casualty Board has opened an investigation.""",
    ),
    Story(
        event="corvel-aster-grounding",
        wire="Coastal Press",
        title="Salvage teams wait for the tide as Corvel Aster sits stranded on shoal",
        body="""Salvage crews were waiting for the evening high tide on Friday before trying to pull the cargo ship Corvel Aster off a sandbank near Kestrel Bay, where it grounded in fog before dawn.

The ship struck Grannick Shoal at about 5:20 a.m. while heading out of Porthaven for northern Europe. Its 16 crew members were unhurt and remained on board.

Coastguard officials said inspections had found no damage to the fuel tanks, which hold about 380 tonnes of oil, but a pollution response vessel was standing by as a precaution. Boats have been told to keep 500 metres away.

"Our priority is the crew and the environment, and both are safe at this stage," Corvel Shipping said in a statement.

From the harbour wall in Kestrel Bay, the ship's red hull was clearly visible once the fog lifted, drawing crowds of onlookers.""",
    ),
    Story(
        event="corvel-aster-refloated",
        wire="Northwire",
        title="Corvel Aster refloated after four days on Grannick Shoal",
        body="""KESTREL BAY, March 19 (Northwire) – Salvage tugs refloated the container ship Corvel Aster on Tuesday's morning high tide, four days after it ran aground on Grannick Shoal off Kestrel Bay.

Two earlier attempts failed before crews pumped around 150 tonnes of fuel oil and ballast water into a tanker to lighten the vessel. The Westmarch Coastguard said there had been no pollution throughout.

The 148-metre ship was towed to Porthaven, where divers will inspect its hull. Its 860 containers remain on board.

Corvel Shipping thanked the salvage teams. The Marine Casualty Board is examining why the ship left port in dense fog and whether its navigation equipment was working correctly.""",
    ),
    # --- Ashcombe Library reopens: two wires ----------------------------------------------
    Story(
        event="ashcombe-library-reopens",
        wire="Meridian News",
        title="Ashcombe Library reopens after $3.6 million restoration",
        body="""Ashcombe's Victorian library reopened to the public on Saturday after a two-year, $3.6 million restoration that has uncovered its original glass dome and added a wing for children.

The building, paid for by mill owner Josiah Fell and opened in 1889, had been closed since 2022 because of a leaking roof and crumbling stonework. The dome over the main reading room, boarded up in the 1960s, now lets daylight in again.

Novelist Nell Garside, who grew up in the town, cut the ribbon. "I read every book in the children's section of this building before I was twelve," she told a crowd of several hundred.

The library will now open seven days a week. About $2.1 million of the cost came from a national heritage grant, with Westmarch County Council paying the rest.""",
    ),
    Story(
        event="ashcombe-library-reopens",
        wire="Coastal Press",
        title="Dome uncovered, doors open: Ashcombe gets its library back",
        body="""Hundreds of people queued in the spring sunshine on Saturday to see inside Ashcombe Library, which has reopened after a restoration lasting two years.

For many, the highlight was the glass dome above the reading room, covered over for six decades and now restored. Downstairs, a new children's wing has a story-telling corner and a small stage.

"Libraries are where towns keep their imagination, and Ashcombe has got its imagination back," said author Nell Garside, who grew up in the town and performed the reopening.

Councillor Hugh Penrose, the county's cabinet member for culture, said the $3.6 million project showed the council's "commitment to libraries when others are closing them." The building now has a lift, a cafe and Sunday opening hours.

The library was built in 1889 with money from local mill owner Josiah Fell.""",
    ),
    Story(
        event="westmarch-library-hours-cut",
        wire="Tidewater Wire",
        title="Westmarch proposes shorter hours at nine branch libraries",
        body="""PORTHAVEN (Tidewater) - Westmarch County Council has proposed cutting opening hours at nine of its 24 branch libraries to save about $410,000 a year, a month after it reopened the restored Ashcombe Library.

Under the plans, libraries including those in Stennet Moor, Brackwater and Fellside would open three days a week instead of five. Ashcombe, Porthaven Central and Kestrel Bay libraries would not be affected.

Cabinet member for culture Hugh Penrose said the council wanted to "keep every library open rather than close some altogether." A public consultation runs until July 5.

Campaigners said the move contradicted the council's praise for libraries at Ashcombe's reopening.""",
    ),
    # --- Greyminster ichthyosaur: two wires -----------------------------------------------
    Story(
        event="greyminster-ichthyosaur",
        wire="Northwire",
        title="Quarry worker's find yields near-complete ichthyosaur skeleton",
        body="""GREYMINSTER, Feb 21 (Northwire) – A nearly complete skeleton of an ichthyosaur, a dolphin-shaped marine reptile that lived about 185 million years ago, has been dug out of a quarry near Greyminster, the Westmarch Museum said on Wednesday.

The 4.2-metre fossil was spotted in January by Calloway Quarry worker Dev Pattni, who noticed a row of vertebrae in a block of limestone freshly exposed by blasting. He stopped work and called his manager.

A museum team led by palaeontologist Dr Imogen Tully spent six weeks removing the skeleton in plaster-wrapped sections. "It is the best-preserved ichthyosaur found in Westmarch in over a century," Tully said.

The quarry's owner, Calloway Aggregates, has donated the fossil to the museum, where it is expected to go on display in 2026.""",
    ),
    Story(
        event="greyminster-ichthyosaur",
        wire="Meridian News",
        title="Ichthyosaur from Greyminster quarry may be a new species, museum says",
        body="""Palaeontologists at the Westmarch Museum believe an ichthyosaur skeleton recovered from a limestone quarry near Greyminster could belong to a species never described before.

The 185-million-year-old marine reptile is around 4.2 metres long and almost complete, with its skull, both front flippers and most of its spine intact. Its unusually long, narrow snout does not match any known species from the early Jurassic, said Dr Imogen Tully, the museum's curator of palaeontology.

"We need to prepare the skull fully before we can say for sure, but it is very exciting," she said. "Nothing like this has come out of Westmarch rock in my lifetime."

The fossil was found by quarry worker Dev Pattni in January and excavated over six weeks. Preparing the bones, which are embedded in hard limestone, is expected to take at least two years.""",
    ),
    Story(
        event="kestrel-bay-pterosaur-jaw",
        wire="Coastal Press",
        title="Dog walker finds pterosaur jaw on Kestrel Bay beach",
        body="""A retired postman walking his dog on the beach at Kestrel Bay has found part of the jaw of a pterosaur, a flying reptile, in a boulder washed out of the cliffs by winter storms.

Roy Dunstan, 68, took the 14-centimetre fossil to the Westmarch Museum, where palaeontologist Dr Imogen Tully identified it as a lower jaw with several teeth still in place, about 180 million years old.

"Pterosaur bones are thin and fragile, so they rarely survive," Tully said. "To find teeth still in the jaw is very unusual."

Dunstan has donated the fossil to the museum, which will show it this summer in a temporary exhibition on Westmarch's Jurassic coast.""",
    ),
    # --- Warehouse arson sentencing: two wires --------------------------------------------
    Story(
        event="ellisford-warehouse-arson-sentence",
        wire="Coastal Press",
        title="Sacked worker jailed for revenge arson at Ellisford warehouse",
        body="""A former warehouse worker who set fire to his old workplace in Ellisford two weeks after he was sacked has been jailed for six and a half years.

Darren Kell, 36, of Marrowby, poured petrol at a loading bay of the Northgate Logistics depot shortly before midnight on August 14 last year and set it alight, Porthaven Crown Court heard. The blaze took 80 firefighters 12 hours to bring under control and caused about $9 million of damage.

A security guard on duty escaped unhurt after smelling smoke.

Judge Sarah Whitcombe told Kell it had been "an act of pure revenge that could easily have cost a life." Kell had admitted arson, being reckless as to whether life was endangered.""",
    ),
    Story(
        event="ellisford-warehouse-arson-sentence",
        wire="Tidewater Wire",
        title="Man gets six and a half years for $9 million Ellisford depot fire",
        body="""PORTHAVEN (Tidewater) - A Marrowby man was sentenced on Friday to six years and six months in prison for starting a fire that destroyed a Northgate Logistics warehouse in Ellisford last summer.

Darren Kell, 36, had pleaded guilty in January. CCTV showed him at the site with a petrol can minutes before flames were seen, prosecutors said.

Kell had been dismissed by the company two weeks before the fire. His lawyer said he had been drinking heavily at the time and was "deeply ashamed."

About 40 employees were laid off for several months while the company moved its operations to a temporary site. The damage was put at $9 million.""",
    ),
    Story(
        event="ellisford-recycling-plant-fire",
        wire="Northwire",
        title="Large fire at Ellisford recycling plant; residents told to keep windows shut",
        body="""ELLISFORD, April 16 (Northwire) – More than 60 firefighters were tackling a large fire at a plastics recycling plant on the Northgate Road industrial estate in Ellisford on Tuesday, sending a plume of black smoke across the town.

Westmarch Fire and Rescue said the blaze, at the Greenloop Recycling site, started at around 6 a.m. among bales of shredded plastic. No one was hurt. Residents were advised to keep doors and windows closed.

Northgate Road was closed, and two nearby businesses, including the rebuilt Northgate Logistics depot, were evacuated as a precaution.

The cause is not yet known, a fire service spokesman said, but there was nothing to suggest the fire had been started deliberately.""",
    ),
    # --- School roof collapse: two wires --------------------------------------------------
    Story(
        event="greyminster-school-roof-collapse",
        wire="Meridian News",
        title="Sports hall roof collapses at Greyminster High School",
        body="""Part of the roof of the sports hall at Greyminster High School collapsed on Monday night, hours after heavy rain, the school said. Nobody was in the building.

A section of flat roof measuring roughly 12 metres by 8 metres fell into the hall at about 9:30 p.m. A community badminton club had finished its session there about an hour earlier.

The school, which has 1,150 pupils, is closed on Tuesday and Wednesday while structural engineers check its other buildings. Headteacher Paul Tremlett said lessons would resume on Thursday if engineers were satisfied. "The safety of our children and staff comes before everything," he wrote to parents.

The hall was built in 1971. Westmarch County Council said it was too early to say what caused the collapse.""",
    ),
    Story(
        event="greyminster-school-roof-collapse",
        wire="Northwire",
        title="Greyminster school shut for two days after roof falls in",
        body="""GREYMINSTER, March 26 (Northwire) – Greyminster High School was closed to pupils on Tuesday after a large section of its sports hall roof caved in overnight, an hour after a badminton club had left the building.

Headteacher Paul Tremlett said it was "very lucky" that no one had been hurt. The school will stay closed on Wednesday.

Westmarch County Council, which runs the school, sent engineers to the site at first light. Farah Lindqvist, cabinet member for education, said the council would also look at other schools built in the same period with similar flat roofs. "If there is a pattern here, we need to know about it quickly," she said.

Early indications were that rainwater had pooled on the flat roof after its drains became blocked, the council said.""",
    ),
    Story(
        event="westmarch-school-roof-checks",
        wire="Coastal Press",
        title="Parts of two Westmarch schools to stay shut after roof checks",
        body="""Parts of two Westmarch schools will stay shut when the summer term begins next week, after engineers found problems with flat roofs during checks ordered after the collapse at Greyminster High School last month.

Westmarch County Council inspected 14 schools built between 1965 and 1980. Engineers found sagging roof panels at Fellside Primary and in the science block of Ashcombe Academy, and said those areas should not be used until they were repaired.

Cabinet member for education Farah Lindqvist said the other 12 schools were safe. "We have been thorough because parents deserve certainty," she said.

Greyminster High's sports hall will be demolished and rebuilt at a cost of about $2.1 million. An investigation found blocked drains had let water pool on its roof.""",
    ),
    # --- Porthaven Marathon: two wires ----------------------------------------------------
    Story(
        event="porthaven-marathon-record",
        wire="Northwire",
        title="Tannock smashes Porthaven Marathon course record",
        body="""PORTHAVEN, April 14 (Northwire) – Ellisford's Joel Tannock broke the Porthaven Marathon course record by 52 seconds on Sunday, winning in 2 hours 8 minutes 41 seconds on a warm morning by the harbour.

Tannock, 29, broke away from a leading group of five at around 35 kilometres and ran the final stretch along Quayside Road alone. The previous record of 2:09:33 had stood since 2019.

Lena Aroyo won the women's race in 2:24:15, more than two minutes clear of the field.

About 14,500 runners finished. Organisers said 11 people were treated for heat exhaustion as temperatures reached 19C.""",
    ),
    Story(
        event="porthaven-marathon-record",
        wire="Coastal Press",
        title="Home-grown winner: Ellisford runner takes Porthaven Marathon in record time",
        body="""Joel Tannock had trained on the streets of Porthaven for a decade, and on Sunday he owned them, winning the city's marathon in a course record of 2:08:41.

The 29-year-old from Ellisford, who finished third last year, was the first local man to win the race since 1998. "At 35k I looked around and thought: I have got this. Then I just had to keep my legs turning," he said.

His time took 52 seconds off the record set five years ago.

In the women's race, Lena Aroyo pulled away from her rivals after halfway to win in 2:24:15.

Around 14,500 people completed the course in warm conditions, and a handful needed treatment for the heat.""",
    ),
    Story(
        event="tannock-kestrel-bay-half-marathon",
        wire="Tidewater Wire",
        title="Tannock wins Kestrel Bay Half Marathon",
        body="""KESTREL BAY (Tidewater) - Joel Tannock, who set a course record at the Porthaven Marathon last month, won the Kestrel Bay Half Marathon on Sunday in 1 hour 1 minute 58 seconds.

The 29-year-old from Ellisford finished 14 seconds ahead of Ben Saddiq after the two ran together for most of the coastal route. Strong headwinds on the return leg ruled out fast times.

Maria Lindgren won the women's race in 1:10:32.

About 6,200 runners finished the event, now in its 31st year. Organisers said the course would be changed next year to avoid roadworks on the seafront.""",
    ),
    # --- Ashcombe boil-water notice: two wires --------------------------------------------
    Story(
        event="ashcombe-boil-water-notice",
        wire="Tidewater Wire",
        title="Boil-water notice for 18,000 homes in Ashcombe area",
        body="""ASHCOMBE (Tidewater) - Westmarch Water told about 18,000 homes and businesses in and around Ashcombe on Wednesday to boil tap water before drinking it after traces of cryptosporidium were found at the Haddon Reservoir treatment works.

The parasite, which can cause severe diarrhoea, was detected during routine testing. The notice also covers the villages of Hollin Cross and Stennet Moor.

Bottled water is being handed out at Ashcombe Leisure Centre, Hollin Cross village hall and Ashcombe Retail Park.

The company said the notice was likely to last at least a week.""",
    ),
    Story(
        event="ashcombe-boil-water-notice",
        wire="Meridian News",
        title="Parasite found in Ashcombe water supply; residents told to boil",
        body="""Residents of Ashcombe and nearby villages have been told to boil all drinking water after the parasite cryptosporidium was found in supplies from Haddon Reservoir.

Westmarch Water said water should be brought to a rolling boil and left to cool before being used for drinking, brushing teeth or preparing food. It is safe for washing and bathing.

"We understand how disruptive this is and we are sorry," said Clare Ashworth, the company's operations director. Around 18,000 properties are affected. Bottled water is available at three collection points, and deliveries are being made to elderly and vulnerable customers.

The Westmarch Health Protection Unit said it was looking into six reports of stomach illness in the area but had not linked them to the water.""",
    ),
    Story(
        event="ashcombe-boil-notice-lifted",
        wire="Northwire",
        title="Ashcombe boil-water notice lifted after nine days",
        body="""ASHCOMBE, April 19 (Northwire) – Westmarch Water lifted its boil-water notice for about 18,000 homes in Ashcombe, Hollin Cross and Stennet Moor on Friday, nine days after cryptosporidium was found at the Haddon Reservoir treatment works.

The company said a new ultraviolet treatment unit had been installed and that three consecutive days of tests had come back clear. Customers are advised to run their cold taps for two minutes.

The Westmarch Health Protection Unit said 31 cases of cryptosporidiosis had been confirmed in the area.

Every affected household will receive $60 in compensation, operations director Clare Ashworth said, adding that the source of the contamination was still being investigated.""",
    ),
)


def events() -> dict[str, list[Story]]:
    """The stories of each event, in the order written."""
    grouped: dict[str, list[Story]] = {}
    for story in STORIES:
        grouped.setdefault(story.event, []).append(story)
    return grouped
