// Progressive enhancement only: every page works without this file.
document.documentElement.classList.replace("no-js", "js");

// On narrow screens the main navigation collapses behind a "Menu" button.
// Without JavaScript the list is simply always shown.
document.addEventListener("DOMContentLoaded", () => {
  const nav = document.querySelector("[data-main-nav]");
  const toggle = nav && nav.querySelector("[data-main-nav-toggle]");
  if (!toggle) return;
  toggle.hidden = false;
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", String(!open));
    nav.classList.toggle("main-nav--open", !open);
  });
});
