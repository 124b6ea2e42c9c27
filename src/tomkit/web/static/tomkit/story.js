// A download button's htmx request makes the file (showing "preparing…"), then the server names the
// URL to fetch it from in an HX-Trigger event; going there downloads the file without leaving the page.
if (!window.tomkitDownloads) {
  window.tomkitDownloads = true;
  document.addEventListener("tomkit:download", (event) => {
    const url = event.detail && event.detail.url;
    if (typeof url === "string" && url.startsWith("/")) window.location.assign(url);
  });
}
