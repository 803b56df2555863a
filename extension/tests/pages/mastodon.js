// Mastodon's web app (any instance): a React controlled textarea in .compose-form, a submit button;
// the form's onSubmit posts, and Ctrl/Cmd+Enter in the textarea submits too.
"use strict";
function ComposeForm() {
  const [text, setText] = React.useState("");
  const submit = (e) => {
    e.preventDefault();
    if (!text.trim()) return;
    window.__sent(text);
    setText("");
  };
  return h("form", { className: "compose-form", onSubmit: submit },
    h("div", { className: "compose-form__highlightable" },
      h("div", { className: "autosuggest-textarea" },
        h("label", {}, h("span", { style: { display: "none" } }, "What's on your mind?"),
          h("textarea", {
            className: "autosuggest-textarea__textarea", placeholder: "What's on your mind?", "aria-autocomplete": "list",
            dir: "auto", value: text, onChange: (e) => setText(e.target.value),
            onKeyDown: (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) submit(e); },
          }),
        ),
      ),
      h("div", { className: "compose-form__footer" },
        h("div", { className: "compose-form__actions" },
          h("span", { className: "character-counter" }, String(500 - [...text].length)),
          h("div", { className: "compose-form__submit" }, h("button", { type: "submit", className: "button button--compact" }, "Post")),
        ),
      ),
    ),
  );
}
ReactDOM.createRoot(document.querySelector("#mastodon .drawer__inner")).render(h(ComposeForm));
