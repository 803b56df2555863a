// Bluesky's composer dialog (React Native Web): a TipTap/ProseMirror contenteditable and the
// publish button (data-testid="composerPublishBtn", aria-label "Publish post").
"use strict";
function Composer() {
  const ref = React.useRef(null);
  const [text, setText] = React.useState("");
  const publish = () => {
    window.__sent(ref.current.innerText);
    ref.current.innerHTML = "<p><br></p>";
    setText("");
  };
  return h("div", { role: "dialog", "aria-modal": "true", "aria-label": "New post", className: "css-175oi2r composer" },
    h("div", { className: "css-175oi2r r-18u37iz topbar" },
      h("button", { type: "button", className: "cancel", "aria-label": "Cancel" }, "Cancel"),
      h("button", {
        type: "button", role: "button", tabIndex: 0, "data-testid": "composerPublishBtn", "aria-label": "Publish post",
        "aria-pressed": "false", className: "css-175oi2r r-sdzlij publish", onClick: publish,
      }, h("div", { dir: "auto", className: "css-146c3p1" }, "Post")),
    ),
    h("div", { "data-testid": "composePostView", className: "css-175oi2r r-1xfd6ze" },
      h("div", { className: "css-175oi2r", "data-testid": "composerTextInput" },
        h("div", {
          ref, contentEditable: true, role: "textbox", translate: "no", className: "tiptap ProseMirror",
          "aria-label": "Rich-Text Editor", "aria-multiline": "true", suppressContentEditableWarning: true,
          onInput: (e) => setText(e.currentTarget.innerText),
        }, h("p", {}, h("br"))),
      ),
      h("div", { className: "counter" }, String(300 - [...text.trim()].length)),
    ),
  );
}
ReactDOM.createRoot(document.getElementById("root")).render(h(Composer));
