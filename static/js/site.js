// Progressive enhancement only: every page works without this file.
document.documentElement.classList.replace("no-js", "js");

// Quick exit: leave for a neutral site without adding this page to the back
// button history, and hide the page at once so it does not linger on screen.
// Without JavaScript the button is a plain link to the same address.
function quickExit(url) {
  document.documentElement.classList.add("quick-exit--leaving");
  document.title = "";
  window.location.replace(url);
}

document.addEventListener("DOMContentLoaded", () => {
  const exitLink = document.querySelector("[data-quick-exit-link]");
  if (exitLink) {
    exitLink.addEventListener("click", (event) => {
      event.preventDefault();
      quickExit(exitLink.href);
    });
    // Three presses of Shift within five seconds, as GOV.UK's "Exit this page" does.
    let presses = 0;
    let timer;
    document.addEventListener("keyup", (event) => {
      if (event.key !== "Shift") {
        presses = 0;
        return;
      }
      presses += 1;
      clearTimeout(timer);
      timer = setTimeout(() => { presses = 0; }, 5000);
      if (presses >= 3) quickExit(exitLink.href);
    });
  }

  // On narrow screens the main navigation collapses behind a "Menu" button.
  // Without JavaScript the list is simply always shown.
  const nav = document.querySelector("[data-main-nav]");
  const toggle = nav && nav.querySelector("[data-main-nav-toggle]");
  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", () => {
      const open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", String(!open));
      nav.classList.toggle("main-nav--open", !open);
    });
  }
});
