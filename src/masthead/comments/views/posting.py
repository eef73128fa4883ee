"""Receiving a comment from the article page's form, and giving the form its stamp."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from masthead.articles.models import Article
from masthead.articles.views import render_article_page
from masthead.comments import cookies
from masthead.comments.forms import CommentForm, issue_stamp
from masthead.comments.models import Comment
from masthead.comments.services import BadReply, CommentRejected, submit_comment
from masthead.core import origin


# The form is on cached pages that every reader shares, so it carries no per-reader CSRF
# token; forged posts from other sites are refused by where the browser says they come
# from (masthead.core.origin).
@csrf_exempt
@require_POST
def post_comment(request: HttpRequest, article_id: int) -> HttpResponse:
    """Store a valid comment; re-render the article with the reader's text and errors otherwise.

    On success the reader lands on their comment. One still waiting for moderation is
    shown to them alone, through a signed cookie. A post another site made a browser send
    is refused with 403, the text kept in the form.
    """
    article = (
        Article.objects.published()
        .select_related("category__parent", "featured_image", "source")
        .filter(pk=article_id)
        .first()
    )
    if article is None:
        raise Http404("No such article.")
    form = CommentForm(request.POST, article_id=article.pk)
    forged = origin.refusal(request)
    if forged is not None:
        form.is_valid()
        form.add_error(None, f"Your comment was not posted: {forged}. Post it from this page.")
        return render_article_page(request, article, status=403, comment_form=form)
    if not form.is_valid():
        return render_article_page(request, article, status=400, comment_form=form)
    try:
        comment = submit_comment(
            article=article,
            parent=_parent(form),
            name=form.cleaned_data["author_name"],
            email=form.cleaned_data["author_email"],
            url=form.cleaned_data["author_url"],
            body=form.cleaned_data["body"],
            ip_address=request.META.get("REMOTE_ADDR"),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
            user=request.user,
        )
    except CommentRejected as exc:
        form.add_error(exc.field, str(exc))
        response = render_article_page(request, article, status=exc.status_code, comment_form=form)
        if exc.status_code == 429:
            response["Retry-After"] = "60"
        return response
    response = HttpResponseRedirect(f"{article.get_absolute_url()}#comment-{comment.pk}")
    _set_cookies(request, response, form, comment)
    return response


@never_cache
@require_safe
def form_stamp(request: HttpRequest, article_id: int) -> HttpResponse:
    """A fresh signed stamp for the article's form, which ``reply.js`` fetches on first use.

    Never kept by anyone (``no-store``; the page cache skips /comments/), and no cookie is
    set: the stamp names the article and the second, nothing about the reader.
    """
    if not Article.objects.published().filter(pk=article_id).exists():
        raise Http404("No such article.")
    return JsonResponse({"issued": issue_stamp(article_id)})


def _parent(form: CommentForm) -> Comment | None:
    """The comment replied to; raises ``BadReply`` for an id that names no comment."""
    parent_id = form.cleaned_data.get("parent")
    if not parent_id:
        return None
    parent = Comment.objects.filter(pk=parent_id).first()
    if parent is None:
        raise BadReply("The comment you replied to is not on this article.")
    return parent


def _set_cookies(
    request: HttpRequest, response: HttpResponse, form: CommentForm, comment: Comment
) -> None:
    if form.cleaned_data["remember"]:
        cookies.remember_commenter(
            request,
            response,
            name=comment.author_name,
            email=comment.author_email,
            url=comment.author_url,
        )
    else:
        cookies.forget_commenter(request, response)
    if not comment.is_public:
        cookies.add_pending(request, response, comment.pk)
