/* Counts one view of this page, once it has loaded (reach app).
 * No cookie is read or set, nothing is stored in the browser, and only the referring
 * site's host name is sent. Nothing is sent when the browser asks not to be tracked
 * (Global Privacy Control, Do Not Track), nor for a prerendered page until it is shown. */
(function () {
    "use strict";
    var script = document.currentScript;
    var url = script && script.getAttribute("data-reach");
    if (!url || navigator.globalPrivacyControl === true || navigator.doNotTrack === "1") {
        return;
    }
    function send() {
        var target = url;
        try {
            var host = document.referrer ? new URL(document.referrer).hostname : "";
            if (host && host !== location.hostname) {
                target += "&r=" + encodeURIComponent(host);
            }
        } catch (error) { /* an unreadable referrer is simply not sent */ }
        if (window.fetch) {
            fetch(target, {method: "POST", keepalive: true, credentials: "omit", cache: "no-store"})
                .catch(function () {});
        } else if (navigator.sendBeacon) {
            navigator.sendBeacon(target);
        }
    }
    if (document.prerendering) {
        document.addEventListener("prerenderingchange", send, {once: true});
    } else {
        send();
    }
})();
