# The application server behind Varnish: gunicorn on 127.0.0.1:8000 in production.
# Included by site.vcl ("./backend.vcl", next to it); change the port here if gunicorn
# listens elsewhere. The tests write their own copy next to a verbatim copy of site.vcl.

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    # Polled so that Varnish knows when the application is down and then serves what it
    # holds (grace, in site.vcl) instead of errors. A worker's first requests after a
    # (re)start took over 2 s on a busy 2-core machine: with a 2 s timeout those probes
    # failed, and Varnish answered 503 to what it did not hold although gunicorn was up.
    .probe = {
        .url = "/robots.txt";
        .interval = 5s;
        .timeout = 4s;
        .window = 5;
        .threshold = 3;
        .initial = 3;
    }
}

# Who may send PURGE and BAN: the application's own addresses (Wagtail's
# frontend_cache, run by the task worker on this host).
acl purgers {
    "127.0.0.1";
    "::1";
}
