import { html } from "./dom.js";
import "./dialog.css";

/** What a confirmation asks. */
export interface Confirmation {
  /** The question, in words (`Switch the charge MOSFET off?`). */
  readonly title: string;
  /** What will happen, paragraphs or a list of changes. */
  readonly body: readonly (Node | string)[];
  /** The label of the button that goes ahead (`Switch off`). */
  readonly confirm: string;
}

let dialogs = 0;

/**
 * Asks a person to confirm an action in a modal `<dialog>`: resolves `true` for the confirm button
 * only. Cancel has the focus when it opens, so that Enter or a stray tap does not send anything,
 * and Escape cancels.
 */
export function confirmAction(question: Confirmation): Promise<boolean> {
  const id = `confirm-title-${++dialogs}`;
  const cancel = html("button", { type: "submit", value: "cancel", "data-action": "cancel", autofocus: "" }, "Cancel");
  const confirm = html("button", { type: "submit", value: "confirm", "data-action": "confirm", class: "primary" }, question.confirm);
  const dialog = html(
    "dialog",
    { class: "confirm", "data-confirm": "", "aria-labelledby": id },
    html("h2", { id }, question.title),
    html("div", { class: "confirm-body" }, ...question.body.map((part) => (typeof part === "string" ? html("p", {}, part) : part))),
    html("form", { method: "dialog", class: "confirm-actions" }, cancel, confirm),
  );
  document.body.append(dialog);
  return new Promise((resolve) => {
    // Escape fires `cancel` and closes with an empty returnValue: not a confirmation.
    dialog.addEventListener(
      "close",
      () => {
        resolve(dialog.returnValue === "confirm");
        dialog.remove();
      },
      { once: true },
    );
    dialog.showModal();
    cancel.focus();
  });
}
