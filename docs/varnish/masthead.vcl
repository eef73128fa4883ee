# Varnish in front of Masthead: keeps the public pages, drops them by tag on a purge.
#
# Masthead marks every page it may share with `Cache-Control: public, s-maxage=…` and
# lists what the page shows in `Surrogate-Key` ("a:12 s:3 latest …"). After a change,
# the purge backend `masthead.caching.purge.Varnish` sends
#     BAN / HTTP/1.1
#     X-Purge-Tags: a:12 ls:3 latest
# and this file bans every object whose Surrogate-Key holds one of those tags (no xkey
# module needed); "X-Purge-Tags: *" bans everything. See docs/caching.md.
#
# Set the backend to where `masthead serve` listens, and the purgers ACL to the hosts the
# site runs on. Tested in tests/caching/test_varnish.py against Debian's varnish.
vcl 4.1;

import std;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.http.X-Purge-Tags == "*") {
            if (std.ban("obj.status != 0")) {
                return (synth(200, "Banned everything"));
            }
            return (synth(400, std.ban_error()));
        }
        if (req.http.X-Purge-Tags !~ "^[A-Za-z0-9:_ -]+$") {
            return (synth(400, "X-Purge-Tags: tags separated by spaces"));
        }
        # "a:1 s:2" → obj.http.Surrogate-Key ~ (^|[[:blank:]])(a:1|s:2)([[:blank:]]|$),
        # whole tags only. No space may appear in a ban's regular expression, hence
        # [[:blank:]]. Only obj.* in it: the ban lurker clears old objects meanwhile.
        if (std.ban("obj.http.Surrogate-Key ~ (^|[[:blank:]])(" +
                regsuball(regsub(req.http.X-Purge-Tags, "^ +| +$", ""), " +", "|") +
                ")([[:blank:]]|$)")) {
            return (synth(200, "Banned"));
        }
        return (synth(400, std.ban_error()));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The back office, the API, comment posting and previews are never shared; nor is a
    # page for a signed-in editor or a commenter Masthead remembers (their own details).
    if (req.url ~ "^/(admin|api|comments|preview)/") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|; *)(sessionid|masthead_commenter|masthead_pending)=") {
        return (pass);
    }
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    if (beresp.http.Cache-Control ~ "public") {
        # A shared page carries no reader's cookie (Masthead keeps none in it either).
        unset beresp.http.Set-Cookie;
    }
}

sub vcl_deliver {
    # The tags are for caches, not for readers.
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
    if (obj.hits > 0) {
        set resp.http.X-Varnish-Cache = "hit";
    } else {
        set resp.http.X-Varnish-Cache = "miss";
    }
}
