/* Progressive "Reply": moves the form under the comment being answered and sets
   comment_parent, as WordPress's comment-reply.js does. Without JavaScript the Reply link
   goes to ?replytocom=ID#respond, which the server answers with the same result. */
(function () {
  "use strict";
  var respond = document.getElementById("respond");
  if (!respond) return;
  var parentField = document.getElementById("comment_parent");
  var cancel = document.getElementById("cancel-comment-reply-link");
  var title = document.getElementById("reply-title-text");
  var heading = document.getElementById("reply-title");
  var defaultTitle = (heading && heading.getAttribute("data-default-title")) || "";
  var home = document.createElement("div");
  home.id = "respond-home";
  home.hidden = true;
  respond.parentNode.insertBefore(home, respond);

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".comment-reply-link") : null;
    if (!link) return;
    var body = document.getElementById("div-comment-" + link.getAttribute("data-commentid"));
    if (!body || !parentField) return;
    event.preventDefault();
    body.parentNode.insertBefore(respond, body.nextSibling);
    parentField.value = link.getAttribute("data-commentid");
    if (title) title.textContent = link.getAttribute("data-replyto") || title.textContent;
    if (cancel) cancel.hidden = false;
    var textarea = document.getElementById("comment");
    if (textarea) textarea.focus();
  });

  if (cancel) {
    cancel.addEventListener("click", function (event) {
      event.preventDefault();
      home.parentNode.insertBefore(respond, home);
      if (parentField) parentField.value = "0";
      if (title && defaultTitle) title.textContent = defaultTitle;
      cancel.hidden = true;
    });
  }

  var summary = document.getElementById("error-summary");
  if (summary && document.activeElement !== summary) summary.focus();
})();
