// The article form: refuses an over-long article before the upload, where the server would
// answer too late. The draft: a legend entry scrolls the article to the places it was read
// from, the next one on each click (without script the link goes to the first), and a field
// the article left empty takes the focus.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("intake_form");
  if (form) checkSize(form);
  const legend = document.querySelector(".intake-legend");
  if (legend) followEvidence(legend);
});

// The admin focuses a new meeting's first field once its own script has run; a field the
// article left empty is where the editor has to start.
window.addEventListener("load", () => {
  const missing = document.querySelector(".intake-missing");
  if (missing) missing.focus();
});

function checkSize(form) {
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
}

function followEvidence(legend) {
  const article = document.querySelector(".intake-text");
  let current = null;
  legend.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#intake-evidence-']");
    if (!link || !article) return;
    const first = document.getElementById(link.hash.slice(1));
    if (!first) return;
    event.preventDefault();
    // A field's own entry walks through all its marks; a value goes to where it was read.
    const group = link.dataset.field;
    const marks = group
      ? Array.from(article.querySelectorAll(`mark[id][data-group="${CSS.escape(group)}"]`))
      : [first];
    const next = marks.includes(current) ? marks[(marks.indexOf(current) + 1) % marks.length] : first;
    if (current) current.classList.remove("intake-current");
    current = next;
    current.classList.add("intake-current");
    current.scrollIntoView({ block: "center" });
  });
}
