/*
 * Babeldesk chat widget loader. A seller embeds it with one tag:
 *   <script src="https://HOST/widget.js" data-key="WIDGET_KEY" async></script>
 * Optional: data-lang, data-name, data-email.
 *
 * It adds a launcher button and, on first open, an iframe with the chat. The chat itself runs on
 * Babeldesk's origin, so nothing on the seller's page can read the conversation and the seller's
 * CSS cannot reach inside. Styles here are set property by property because the host page may
 * have any stylesheet (or a CSP that forbids injected <style>).
 */
(function () {
  "use strict";
  if (window.Babeldesk) return;

  var script =
    document.currentScript || document.querySelector('script[src*="widget.js"][data-key]');
  if (!script || !script.getAttribute("data-key")) return;

  var origin = new URL(script.src, window.location.href).origin;
  var params = new URLSearchParams({ key: script.getAttribute("data-key") });
  ["lang", "name", "email"].forEach(function (field) {
    var value = script.getAttribute("data-" + field);
    if (value) params.set(field, value);
  });
  var frameUrl = origin + "/widget/frame?" + params.toString();

  var Z = "2147483000";
  var SVG = "http://www.w3.org/2000/svg";
  var launcher, frame, chatIcon, closeIcon;
  var isOpen = false;
  var openWhenBuilt = false;

  function css(el, styles) {
    for (var name in styles) el.style[name] = styles[name];
    return el;
  }

  function icon(path) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "26");
    svg.setAttribute("height", "26");
    svg.setAttribute("aria-hidden", "true");
    var p = document.createElementNS(SVG, "path");
    p.setAttribute("d", path);
    p.setAttribute("fill", "currentColor");
    svg.appendChild(p);
    css(svg, { display: "block", pointerEvents: "none" });
    return svg;
  }

  function build() {
    launcher = css(document.createElement("button"), {
      position: "fixed", right: "24px", bottom: "24px", zIndex: Z,
      width: "60px", height: "60px", margin: "0", padding: "0",
      display: "flex", alignItems: "center", justifyContent: "center",
      border: "none", borderRadius: "50%", cursor: "pointer",
      background: "#4f46e5", color: "#ffffff",
      boxShadow: "0 10px 30px rgba(49, 46, 129, 0.35), 0 2px 6px rgba(0, 0, 0, 0.15)",
      transition: "transform 0.15s ease",
    });
    launcher.id = "babeldesk-launcher";
    launcher.type = "button";
    launcher.setAttribute("aria-label", "Chat with us");
    launcher.setAttribute("aria-expanded", "false");
    chatIcon = icon(
      "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-4.2 3.4A.5.5 0 0 1 4 21v-3a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z" +
        "M7 9.5a1.25 1.25 0 1 0 0 .01zM12 9.5a1.25 1.25 0 1 0 0 .01zM17 9.5a1.25 1.25 0 1 0 0 .01z"
    );
    closeIcon = icon(
      "M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z"
    );
    closeIcon.style.display = "none";
    launcher.appendChild(chatIcon);
    launcher.appendChild(closeIcon);
    launcher.addEventListener("click", function () {
      if (isOpen) close();
      else open();
    });
    launcher.addEventListener("mouseenter", function () { launcher.style.transform = "scale(1.06)"; });
    launcher.addEventListener("mouseleave", function () { launcher.style.transform = ""; });
    document.body.appendChild(launcher);
    if (openWhenBuilt) open();
  }

  function createFrame() {
    frame = css(document.createElement("iframe"), {
      position: "fixed", right: "24px", bottom: "96px", zIndex: Z,
      width: "380px", height: "600px",
      maxWidth: "calc(100vw - 32px)", maxHeight: "calc(100vh - 120px)",
      border: "none", borderRadius: "16px", background: "#ffffff",
      boxShadow: "0 24px 60px rgba(15, 23, 42, 0.25), 0 4px 12px rgba(15, 23, 42, 0.12)",
      colorScheme: "normal",
    });
    frame.id = "babeldesk-frame";
    frame.title = "Chat with us";
    frame.src = frameUrl;
    document.body.appendChild(frame);
  }

  function open() {
    if (!launcher) {
      openWhenBuilt = true;
      return;
    }
    if (!frame) createFrame();
    frame.style.display = "block";
    isOpen = true;
    launcher.setAttribute("aria-expanded", "true");
    launcher.setAttribute("aria-label", "Close chat");
    chatIcon.style.display = "none";
    closeIcon.style.display = "block";
    post("opened");
  }

  function close() {
    openWhenBuilt = false;
    if (!launcher) return;
    if (frame) frame.style.display = "none";
    isOpen = false;
    post("closed");
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-label", "Chat with us");
    chatIcon.style.display = "block";
    closeIcon.style.display = "none";
  }

  function post(type) {
    if (frame && frame.contentWindow) frame.contentWindow.postMessage({ babeldesk: type }, origin);
  }

  // The frame's own close button asks us to close; only the frame itself may ask.
  window.addEventListener("message", function (event) {
    if (!frame || event.source !== frame.contentWindow || event.origin !== origin) return;
    if (event.data && event.data.babeldesk === "close") close();
  });

  window.Babeldesk = { open: open, close: close };

  if (document.body) build();
  else document.addEventListener("DOMContentLoaded", build);
})();
