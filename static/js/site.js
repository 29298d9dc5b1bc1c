// Small enhancements to server-rendered pages. Every page works without this module.
// A module runs once the page is parsed, so the elements below are already there.

// Move focus to a form's error summary so screen readers announce it and
// keyboard users start from the list of problems.
document.querySelector("[data-error-summary]")?.focus();

// On an English page, offer the page in the language the browser prefers first, when the
// page has it. Here rather than on the server, so one cached page serves every visitor.
const preferred = (navigator.languages?.[0] ?? navigator.language ?? "").split("-")[0];
for (const offer of document.querySelectorAll("[data-language-offer]")) {
  offer.hidden = offer.dataset.languageOffer !== preferred.toLowerCase();
}
