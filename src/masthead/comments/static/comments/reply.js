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
