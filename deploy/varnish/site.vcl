vcl 4.1;

# Minimal placeholder (the cache work replaces this file): Varnish in front of gunicorn,
# with Varnish's built-in caching rules and PURGE from the application's machine.
# `make run-production` rewrites the backend's port to the one it chose.

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }
    # The health check always asks the application.
    if (req.url == "/healthz") {
        return (pass);
    }
}
