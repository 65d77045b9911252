# Varnish in front of the site: the shared HTTP cache that serves anonymous readers.
#
#   varnishd -a 127.0.0.1:6081 -f /path/to/deploy/varnish/site.vcl -s malloc,256m
#
# The application decides what may be kept (Cache-Control, website/http_cache.py):
# anonymous pages are "public, s-maxage=…", anything personal "private, no-store".
# Content changes reach Varnish as PURGE (one URL path, every query string) and BAN (a
# URL path prefix) requests sent by Wagtail's frontend_cache from the task worker
# (website/frontend_cache.py). The backend and the addresses allowed to purge are in
# backend.vcl, next to this file.

vcl 4.1;

import std;

include "./backend.vcl";

sub vcl_recv {
    # --- Invalidation, from the application only ------------------------------------
    if (req.method == "PURGE" || req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # Bans match the path kept on each object (x-path, set below), on every host:
        # a PURGE drops a page with all its query strings (?page=2, filters), a BAN every
        # page whose path starts with the given one ("/" for the whole site).
        if (req.method == "PURGE") {
            ban("obj.http.x-path == " + regsub(req.url, "\?.*$", ""));
        } else {
            ban("obj.http.x-path ~ ^" + regsub(req.url, "\?.*$", ""));
        }
        return (synth(200, "Invalidated"));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }

    # --- One cache entry per page, whatever the campaign links add ---------------------
    # Tracking parameters never reach the application; the rest is sorted.
    if (req.url ~ "\?") {
        set req.url = regsuball(req.url,
            "(?i)([?&])(utm_[a-z_]+|fbclid|gclid|gbraid|wbraid|dclid|msclkid|yclid|mc_cid|mc_eid|_ga|_gl|igshid|ref_src)=[^&]*",
            "\1");
        set req.url = regsuball(req.url, "&{2,}", "&");
        set req.url = regsub(req.url, "\?&+", "?");
        set req.url = regsub(req.url, "[?&]+$", "");
        set req.url = std.querysort(req.url);
    }

    # --- Personal requests go straight to the application ------------------------------
    # A session (a logged-in editor, a page password entered) and the admin.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=" || req.url ~ "^/(admin|django-admin)(/|$)") {
        return (pass);
    }
    # Every other cookie (analytics, the CSRF cookie on a plain page) is dropped: pages
    # for anonymous readers are the same for all of them.
    unset req.http.Cookie;
    unset req.http.Authorization;
    # The language is in the URL (/tr/, /en/): the browser's languages only choose where
    # "/" redirects, so they do not split the cache elsewhere.
    if (req.url ~ "^/(tr|en)/" || req.url ~ "^/(sitemap\.xml|robots\.txt)") {
        unset req.http.Accept-Language;
    }

    # While the application answers, at most a few seconds of staleness; while it is
    # down, whatever is held (up to beresp.grace, below).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.host) {
        hash_data(req.http.host);
    } else {
        hash_data(server.ip);
    }
    return (lookup);
}

sub vcl_backend_response {
    # The path the bans match (kept on the object, removed before delivery).
    set beresp.http.x-path = regsub(bereq.url, "\?.*$", "");

    # Never store anything personal: a cookie being set, or the application saying so.
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.http.Vary == "*") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Only what the application marked as shareable is kept; the rest passes through.
    if (beresp.http.Cache-Control !~ "(public|s-maxage)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Kept compressed: each object is gzipped once when stored, not on every delivery
    # (browsers all accept gzip; Varnish unzips for a client that does not).
    if (beresp.http.Content-Type ~ "^(text/|application/(json|xml|rss\+xml|atom\+xml|ld\+json|javascript)|image/svg\+xml)"
        && !beresp.http.Content-Encoding) {
        set beresp.do_gzip = true;
    }
    # Served stale while the application is down or slow (see vcl_recv).
    set beresp.grace = 24h;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-path;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
    # Browsers get the application's max-age; s-maxage was for this cache only.
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    return (deliver);
}
