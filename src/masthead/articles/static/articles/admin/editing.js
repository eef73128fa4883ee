// The story form: keep what is typed every 30 s, say who else is on the story, put kept
// text back, and warn before leaving with changes not saved. Without JavaScript the form
// works as before; only these helps are missing.
(function () {
  "use strict";
  var box = document.getElementById("editing");
  var form = box && box.closest("form");
  if (!form) return;
  var url = box.dataset.autosaveUrl;
  var every = parseInt(box.dataset.interval, 10) || 30000;
  var fields = ["title", "slug", "dek", "body", "credit_line", "source_url", "language",
                "published_at_0", "published_at_1"];
  // A refused save comes back with its text in the form and nowhere else: keep it and
  // warn before leaving as if it had just been typed.
  var dirty = "unsaved" in box.dataset, leaving = false;

  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("change", function () { dirty = true; });
  form.addEventListener("submit", function () { leaving = true; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty && !leaving) { event.preventDefault(); event.returnValue = ""; }
  });

  function say(id, text) {
    var place = document.getElementById(id);
    if (place && place.textContent !== text) place.textContent = text;
  }

  function ping() {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    var version = form.elements.base_version;
    body.append("base_version", version ? version.value : "0");
    var sending = dirty;
    if (sending) {
      fields.forEach(function (name) {
        var field = form.elements[name];
        if (field && typeof field.value === "string") body.append(name, field.value);
      });
    }
    fetch(url, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (!answer) return;
        say("editing-others", answer.others.map(function (who) {
          return who.name + " is editing since " + who.since + ".";
        }).join(" "));
        if (sending && answer.kept_at) say("editing-kept-at", "A copy of your text was kept at " + answer.kept_at + ".");
      })
      .catch(function () { /* offline for a moment: the next ping tries again */ });
  }
  window.setInterval(ping, every);

  var kept = document.getElementById("editing-kept-fields");
  var restore = document.getElementById("editing-restore");
  if (kept && restore) {
    restore.hidden = false;
    restore.addEventListener("click", function () {
      var values = JSON.parse(kept.textContent);
      Object.keys(values).forEach(function (name) {
        var field = form.elements[name];
        if (field) field.value = values[name];
      });
      dirty = true;
      say("editing-kept-at", "Your kept text is back in the form; save to keep it.");
    });
  }
})();
