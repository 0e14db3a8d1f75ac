// Refuses an over-long article before the upload, where the server would answer too late.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("intake_form");
  if (!form) return;
  const limit = Number(form.dataset.maxBytes);
  const text = form.querySelector("textarea[name=text]");
  const error = form.querySelector(".intake-size-error");
  form.addEventListener("submit", (event) => {
    const size = new Blob([text.value.replace(/\r\n/g, "\n").trim()]).size;
    if (size <= limit) {
      error.hidden = true;
      return;
    }
    event.preventDefault();
    error.textContent =
      `The article is ${size.toLocaleString("en")} bytes long; the limit is ` +
      `${limit.toLocaleString("en")} bytes. Paste only the article, not the whole page.`;
    error.hidden = false;
    text.focus();
  });
});
