// Progressive enhancement for server-rendered pages. Every page works without this file;
// with it, replies appear live, lists say when there is new activity, IME input never submits
// a form by accident, and destructive buttons ask first.

import { enhanceContent } from "./content.js";
import { connectLive } from "./live.js";
import { enhanceMedia } from "./media.js";

function guardIme(): void {
  // While a Japanese IME is composing, Enter confirms the conversion; it must not submit the form.
  document.addEventListener(
    "keydown",
    (e) => {
      if (e.key !== "Enter") return;
      const target = e.target as HTMLElement | null;
      if (!target || !(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) return;
      if (e.isComposing || e.keyCode === 229) {
        e.preventDefault();
        e.stopPropagation();
        return;
      }
      // Ctrl/Cmd+Enter posts from a composer textarea.
      if (target instanceof HTMLTextAreaElement && (e.ctrlKey || e.metaKey) && target.form?.hasAttribute("data-composer")) {
        e.preventDefault();
        target.form.requestSubmit();
      }
    },
    true,
  );
}

function confirmForms(): void {
  document.addEventListener("submit", (e) => {
    const form = e.target as HTMLFormElement;
    const message = form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) e.preventDefault();
  });
}

function preventDoubleSubmit(): void {
  document.addEventListener("submit", (e) => {
    if (e.defaultPrevented) return;
    const form = e.target as HTMLFormElement;
    for (const b of Array.from(form.querySelectorAll<HTMLButtonElement>("button[type=submit]"))) {
      setTimeout(() => (b.disabled = true), 0);
    }
  });
}

function start(): void {
  guardIme();
  confirmForms();
  preventDoubleSubmit();
  connectLive();
  enhanceContent();
  enhanceMedia();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
