// Facebook's "Create post" dialog: a Lexical editor (contenteditable, data-lexical-editor) and a
// div role="button" aria-label="Post"; below it a comment box where a plain Enter sends.
"use strict";
function Editor({ label, onKeyDown, edRef, onText }) {
  return h("div", {
    ref: edRef, contentEditable: true, role: "textbox", spellCheck: true, tabIndex: 0, "data-lexical-editor": "true",
    "aria-label": label, "aria-placeholder": label, className: "xzsf02u x1a2a7pz lexical", style: { userSelect: "text", whiteSpace: "pre-wrap" },
    suppressContentEditableWarning: true, onKeyDown, onInput: (e) => onText(e.currentTarget.innerText),
  }, h("p", { className: "xdj266r" }, h("br")));
}
function CreatePost() {
  const post = React.useRef(null);
  const comment = React.useRef(null);
  const [text, setText] = React.useState("");
  const send = () => {
    window.__sent(post.current.innerText);
    post.current.innerHTML = "<p><br></p>";
    setText("");
  };
  const onCommentKey = (e) => {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      window.__sent(comment.current.innerText);
      comment.current.innerHTML = "<p><br></p>";
    }
  };
  return h("div", { className: "page" },
    h("div", { role: "dialog", "aria-label": "Create post", className: "x1n2onr6 dialog" },
      h("h2", {}, "Create post"),
      h(Editor, { label: "What's on your mind, Alex?", edRef: post, onText: setText }),
      h("div", {
        role: "button", tabIndex: 0, "aria-label": "Post", "aria-disabled": text.trim() === "" ? "true" : "false",
        className: "x1i10hfl xjbqb8w post-button", onClick: () => { if (text.trim() !== "") send(); },
      }, h("span", { className: "x1lliihq" }, "Post")),
    ),
    h("form", { className: "comment", onSubmit: (e) => e.preventDefault() },
      h(Editor, { label: "Write a comment…", edRef: comment, onKeyDown: onCommentKey, onText: () => {} }),
    ),
  );
}
ReactDOM.createRoot(document.getElementById("mount_0_0_x")).render(h(CreatePost));
