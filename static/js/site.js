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

// The header's menu is a details/summary disclosure that works without this module. Here,
// Escape closes it and puts focus back on its button, as a keyboard user expects; so does a
// click or tap elsewhere on the page.
for (const menu of document.querySelectorAll("[data-site-menu]")) {
  const button = menu.querySelector("summary");
  menu.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !menu.open || !button.checkVisibility()) return;
    menu.open = false;
    button.focus();
  });
  document.addEventListener("click", (event) => {
    if (menu.open && button.checkVisibility() && !menu.contains(event.target)) menu.open = false;
  });
}

// The phone's quick-contact bar is hidden while the header's own Call and Request buttons
// are on screen, so it appears only once a long page has scrolled them away.
const quickBar = document.querySelector("[data-quick-bar]");
const headerActions = document.querySelector("[data-header-actions]");
if (quickBar && headerActions && "IntersectionObserver" in window) {
  new IntersectionObserver(([entry]) => {
    quickBar.hidden = entry.isIntersecting;
  }).observe(headerActions);
}
