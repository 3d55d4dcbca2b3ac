"""The comment region of the article page, and the form's POST target.

Why the anonymous form has no CSRF token, and why that is safe: the article page may be
served from a shared cache, so it can hold nothing per reader (WordPress's comment form has
no token either). What a forged cross-site post could do is what anyone can do by posting
the form themselves: leave a comment under a name, and that comment goes through the same
rules (moderation, spam checks, limits). The form authenticates nobody and changes nothing
of the reader's, so there is no ambient authority to ride on. Still, a browser's Origin (or
Referer) naming another site is refused, the honeypot, signed render time and rate limits
apply, and a logged-in user, whose session *is* ambient authority, gets a token in the form
(their pages never come from the shared cache) and Django's CSRF check on the post.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode

from django.db.models import IntegerField, Q
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from broadsheet.articles.models import Article
from broadsheet.comments import cookies
from broadsheet.comments.actions import CommentRefused, Submission, do_post_comment, is_moderator
from broadsheet.comments.defences import (
    HONEYPOT_FIELD,
    STAMP_FIELD,
    client_ip,
    cross_site,
    make_stamp,
    stamp_problem,
)
from broadsheet.comments.forms import CONSENT, CommentForm, parent_for
from broadsheet.comments.models import Comment, DiscussionSettings
from broadsheet.comments.threads import (
    build_threads,
    comment_page_url,
    page_count,
    page_slice,
)
from broadsheet.lib.prepared import Param, Prepared

MAX_BODY = 1024 * 1024  # a comment is at most 65,525 characters; 1 MB is plenty for a form


def comment_context(
    request: HttpRequest, article: Article, page: int | None, unlocked: bool
) -> dict[str, Any]:
    """Everything the comment region needs, in a fixed number of queries whatever the
    number of comments: the settings, every comment this reader may see (one query), and
    the public count. Raises Http404 for a comment page that does not exist."""
    if article.kind != "post":
        if page:
            raise Http404(_("No such comment page."))
        return {}
    if not unlocked:
        return {"comments_enabled": False}
    conf = DiscussionSettings.current()
    commenter = cookies.read(request)
    staff = is_moderator(request.user)

    # Who sees what: approved for everyone; held ones for moderators, for their writer by
    # the signed link they were sent back with, or by their signed "save my details" cookie.
    visible = PUBLIC_ONLY
    per_reader = commenter is not None
    if staff:
        visible |= Q(status=Comment.Status.PENDING)
    held_id = _held_from_link(request)
    if held_id:
        visible |= Comment.objects.unapproved_q(pk=held_id)
        per_reader = True
    if commenter is not None:
        visible |= Comment.objects.unapproved_q(author_email__iexact=commenter.email)
    if visible is PUBLIC_ONLY:  # nothing added (|= makes a new Q): most readers
        rows = _public_comments(article=article.pk)
    else:
        rows = list(Comment.objects.filter(article=article).filter(visible).for_display())
    if held_id:
        # The link is checked against the comment's own hash before it shows anything.
        given = request.GET.get("moderation-hash", "")
        rows = [
            c for c in rows if c.pk != held_id or c.is_approved or c.check_moderation_hash(given)
        ]

    roots = build_threads(rows, conf.thread_depth)
    pages = page_count(roots, conf.per_page)
    number = page or 1
    if number > pages:
        raise Http404(_("No such comment page."))
    base = article.get_absolute_url()
    here = comment_page_url(base, number)
    by_id = {c.pk: c for c in rows}

    reply_to = None
    wanted = request.GET.get("replytocom", "")
    if wanted.isdigit() and len(wanted) < 19:
        candidate = by_id.get(int(wanted))
        reply_to = candidate if candidate is not None and candidate.is_approved else None

    open_now = conf.comments_open(article)
    initial: dict[str, Any] = {"comment_parent": reply_to.pk if reply_to else 0}
    if commenter is not None:
        initial.update(author=commenter.name, email=commenter.email, url=commenter.url)
        initial[CONSENT] = True
    form = CommentForm(initial=initial, user=request.user)
    return {
        "comments_enabled": True,
        "comments_open": open_now,
        "login_required": conf.require_login and not request.user.is_authenticated,
        "comment_count": sum(1 for c in rows if c.is_approved),
        "comment_threads": page_slice(roots, number, conf.per_page),
        "comment_page": number,
        "comment_pages": pages,
        "comment_page_url": here,
        "comment_prev_url": comment_page_url(base, number - 1) if number > 1 else None,
        "comment_next_url": comment_page_url(base, number + 1) if number < pages else None,
        "comment_form": form,
        "comment_stamp": make_stamp(article.pk) if open_now else "",
        "comment_reply_to": reply_to,
        "comment_staff_view": staff,
        "comment_honeypot": HONEYPOT_FIELD,
        "comment_stamp_field": STAMP_FIELD,
        "comments_per_reader": per_reader,
    }


PUBLIC_ONLY = Q(status=Comment.Status.APPROVED)
# The comments everyone may see, as above, with its SQL built once (broadsheet.lib.prepared).
_public_comments = Prepared(
    lambda: (
        Comment.objects.filter(article_id=Param("article", IntegerField()))
        .filter(PUBLIC_ONLY)
        .for_display()
    )
)


def _held_from_link(request: HttpRequest) -> int | None:
    value = request.GET.get("unapproved", "")
    if value.isdigit() and len(value) < 19 and request.GET.get("moderation-hash"):
        return int(value)
    return None


def patch_for_reader(response: HttpResponse, ctx: dict[str, Any]) -> HttpResponse:
    """A page with a reader's own details or held comments is theirs alone: never shared."""
    if ctx.get("comments_per_reader"):
        patch_cache_control(response, private=True, no_store=True)
    if ctx.get("comments_enabled"):
        patch_vary_headers(response, ["Cookie"])
    if ctx.get("comment_reply_to"):
        # ?replytocom=ID is the same article again: one copy is enough for search engines.
        response["X-Robots-Tag"] = "noindex, follow"
    return response


# --- the POST target -------------------------------------------------------------------


def _problem(request: HttpRequest, message: str, status: int, **ctx: Any) -> HttpResponse:
    return render(
        request,
        "comments/form_page.html",
        {"refusal": message, **ctx},
        status=status,
    )


def _decode_form(request: HttpRequest) -> dict[str, str] | None:
    """The posted fields, or None when they are not valid UTF-8 (Django would quietly
    replace bad bytes; a comment must be stored as typed or not at all)."""
    content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    if content_type == "application/x-www-form-urlencoded":
        try:
            raw = request.body.decode("ascii")
            pairs = parse_qsl(raw, keep_blank_values=True, encoding="utf-8", errors="strict")
        except UnicodeDecodeError:
            return None
        data: dict[str, str] = {}
        for key, value in pairs:
            data.setdefault(key, value)
        return data
    if content_type == "multipart/form-data":
        data = {key: request.POST.get(key, "") for key in request.POST}
        if any("\ufffd" in v for v in data.values()) and b"\xef\xbf\xbd" not in request.body:
            return None
        return data
    return {}


@csrf_exempt
def post_comment(request: HttpRequest) -> HttpResponse:
    """WordPress's wp-comments-post.php: store the comment, then send the reader back to it
    (303), or answer why not: 400 bad form, 403 closed or cross-site, 404 no such article,
    409 duplicate, 413 too large, 415 not a form, 429 too fast."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = MAX_BODY + 1
    if length > MAX_BODY:
        return _problem(request, _("That comment is far too long to be sent."), 413)
    # Read (and keep) the raw body before anything parses it: the UTF-8 check needs it.
    request.body  # noqa: B018
    if cross_site(request):
        return _problem(request, _("Comments can only be posted from this site's pages."), 403)
    if request.user.is_authenticated:
        # A session is ambient authority: logged-in users keep Django's CSRF protection.
        refused = CsrfViewMiddleware(lambda r: HttpResponse()).process_view(request, None, (), {})
        if refused is not None:
            return refused
    content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    if content_type not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return _problem(request, _("Please send the comment form."), 415)
    data = _decode_form(request)
    if data is None:
        return _problem(request, _("The form was not sent as valid UTF-8 text."), 400)

    article_id = data.get("comment_post_ID", "")
    if not article_id.isdigit() or len(article_id) > 18:
        return _problem(
            request, _("Which article is this comment for? The form is incomplete."), 400
        )
    article = (
        Article.objects.published().select_related("author").filter(pk=int(article_id)).first()
    )
    if article is None:
        raise Http404(_("No such article."))
    conf = DiscussionSettings.load()
    if not article.unlocked_for(request):
        return _problem(request, _("This article is protected by a password."), 403)
    if not conf.comments_open(article):
        return _problem(request, _("Comments are closed on this article."), 403, article=article)

    form = CommentForm(data, user=request.user)
    ctx = {"article": article, "comment_form": form, "comment_stamp": data.get(STAMP_FIELD, "")}
    ctx.update(comment_honeypot=HONEYPOT_FIELD, comment_stamp_field=STAMP_FIELD, comments_open=True)
    if not form.is_valid():
        return render(request, "comments/form_page.html", ctx, status=400)
    try:
        parent = parent_for(article.pk, form.cleaned_data.get("comment_parent"))
    except ValueError:
        form.add_error("comment_parent", _("The comment you are replying to is not available."))
        return render(request, "comments/form_page.html", ctx, status=400)

    name, email, url = (form.cleaned_data.get(k) or "" for k in ("author", "email", "url"))
    if request.user.is_authenticated:
        author = getattr(request.user, "author", None)
        name = (
            author.display_name
            if author
            else (request.user.get_full_name() or request.user.get_username())
        )
        email, url = request.user.email, ""
    submission = Submission(
        ip=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
        user=request.user,
        honeypot_filled=bool(data.get(HONEYPOT_FIELD, "").strip()),
        stamp_problem=stamp_problem(data.get(STAMP_FIELD, ""), article.pk),
    )
    try:
        comment = do_post_comment(
            article,
            name=name,
            email=email,
            url=url,
            content=form.cleaned_data["comment"],
            parent=parent,
            submission=submission,
        )
    except CommentRefused as refusal:
        response = _problem(request, refusal.message, refusal.status, **ctx)
        if refusal.status == 429:
            response["Retry-After"] = "15"
        return response

    target = comment.get_absolute_url()
    if not comment.is_approved:
        page, _hash, anchor = target.partition("#")
        query = urlencode({"unapproved": comment.pk, "moderation-hash": comment.moderation_hash()})
        target = f"{page}?{query}#{anchor}"
    response = HttpResponseRedirect(target, status=303)
    if request.user.is_authenticated:
        return response
    if form.consent:
        cookies.remember(response, request, cookies.Commenter(name, email, url))
    else:
        # WordPress forgets earlier details when the box is left unticked.
        cookies.forget(response, request)
    return response
