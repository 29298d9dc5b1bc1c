// The testimonial carousel (WAI-ARIA Authoring Practices carousel pattern).
// Without this module the stories are a plain list. It never rotates on its own:
// the slides change only when a patient presses a button, and focus stays on
// that button while the polite live region announces the new slide.
// A module runs once the page is parsed, so every carousel is already in the document.

function enhance(carousel) {
  const slides = Array.from(carousel.querySelectorAll("[data-carousel-slide]"));
  const controls = carousel.querySelector("[data-carousel-controls]");
  const picker = carousel.querySelector("[data-carousel-picker]");
  if (slides.length < 2 || !controls || !picker) return;
  const dots = Array.from(picker.querySelectorAll("[data-carousel-pick]"));
  const region = carousel.querySelector("[data-carousel-slides]");
  let current = 0;

  function show(index) {
    current = (index + slides.length) % slides.length;
    slides.forEach((slide, n) => {
      slide.classList.toggle("is-current", n === current);
      slide.toggleAttribute("inert", n !== current);
    });
    dots.forEach((dot, n) => {
      if (n === current) dot.setAttribute("aria-current", "true");
      else dot.removeAttribute("aria-current");
    });
  }

  carousel.classList.add("carousel-enhanced");
  controls.hidden = false;
  picker.hidden = false;
  // Live only now that it is a carousel, and never rotating, so "polite" throughout.
  region.setAttribute("aria-live", "polite");
  show(0);

  carousel.querySelector("[data-carousel-previous]").addEventListener("click", () => show(current - 1));
  carousel.querySelector("[data-carousel-next]").addEventListener("click", () => show(current + 1));
  dots.forEach((dot) => dot.addEventListener("click", () => show(Number(dot.dataset.carouselPick))));
  // Arrow keys move between the picker buttons, as in a toolbar.
  picker.addEventListener("keydown", (event) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (!step) return;
    event.preventDefault();
    show(current + step);
    dots[current].focus();
  });
}

document.querySelectorAll("[data-carousel]").forEach(enhance);
