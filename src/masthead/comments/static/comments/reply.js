// Move the reply form under the comment being answered, and back on "Cancel reply".
// Without this script the Reply links reload the page with ?replytocom=<id>, which
// puts the form in the same place on the server.
(function () {
  "use strict";
  var respond = document.getElementById("respond");
  var home = document.getElementById("respond-home");
  var cancel = document.getElementById("cancel-reply");
  var parent = document.getElementById("id_parent");
  var title = document.getElementById("respond-title");
  if (!respond || !home || !cancel || !parent || !title) return;
  var homeTitle = "Leave a reply";

  function replyTo(link) {
    var comment = document.getElementById("comment-" + link.dataset.replyTo);
    if (!comment) return false;
    comment.querySelector(".comment__inner").after(respond);
    parent.value = link.dataset.replyTo;
    title.textContent = "Reply to " + link.dataset.replyName;
    cancel.parentNode.hidden = false;
    document.getElementById("id_body").focus();
    return true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest(".comment-reply-link");
    if (link && replyTo(link)) event.preventDefault();
  });
  cancel.addEventListener("click", function (event) {
    event.preventDefault();
    home.appendChild(respond);
    parent.value = "";
    title.textContent = homeTitle;
    cancel.parentNode.hidden = true;
  });
})();

// Give the form its signed time stamp when the reader starts on it. Pages are shared by
// every reader and kept for days (the page cache, a CDN, published files), so they carry
// none: it comes from the form's data-stamp address when a field gets focus, again after
// an hour, and a post waits for a stamp still on its way. Without this script (or when
// the fetch fails) the post comes back with the reader's text and a stamp of its own,
// and posting again goes through.
(function () {
  "use strict";
  var form = document.querySelector("form.comment-form[data-stamp]");
  var issued = form && form.elements.namedItem("issued");
  if (!issued || !window.fetch) return;
  var REFRESH_MS = 3600 * 1000;
  var fetchedAt = issued.value ? Date.now() : 0;
  var pending = null;
  var posting = false;

  function fetchStamp() {
    pending = fetch(form.dataset.stamp, { cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("stamp: HTTP " + response.status);
        return response.json();
      })
      .then(function (answer) {
        issued.value = answer.issued;
        fetchedAt = Date.now();
      })
      .catch(function () {
        // Post without: the server sends the form back with a stamp.
      })
      .then(function () {
        pending = null;
      });
  }

  // Not on the button: a stamp fetched as the reader posts would be refused as too quick.
  form.addEventListener("focusin", function (event) {
    var typed = event.target.matches("input, textarea");
    if (typed && !pending && Date.now() - fetchedAt > REFRESH_MS) fetchStamp();
  });
  form.addEventListener("submit", function (event) {
    if (!pending) return;
    event.preventDefault();
    if (posting) return;
    posting = true;
    pending.then(function () {
      form.submit();
    });
  });
})();
