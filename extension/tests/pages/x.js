// X's home-timeline composer: a Draft.js editor (contenteditable div, data-testid="tweetTextarea_0")
// and a React "Post" button (data-testid="tweetButtonInline"), disabled while the draft is empty.
"use strict";
const BROKEN = location.pathname.startsWith("/broken");
function Composer() {
  const [text, setText] = React.useState("");
  const ref = React.useRef(null);
  const post = () => {
    window.__sent(ref.current.innerText);
    ref.current.innerHTML = "<div><br></div>";
    setText("");
  };
  return h("div", { className: "css-175oi2r r-1iusvr4", "data-testid": "primaryColumn" },
    h("div", { className: "DraftEditor-root" },
      text === "" && h("div", { className: "public-DraftEditorPlaceholder-root" }, "What is happening?!"),
      h("div", { className: "DraftEditor-editorContainer" },
        h("div", {
          ref, className: "notranslate public-DraftEditor-content", contentEditable: true, role: "textbox",
          spellCheck: true, "aria-label": "Post text", "aria-multiline": "true",
          // In the "broken" page X has renamed its test ids: the adapter must fail safe.
          "data-testid": BROKEN ? "composerRichText_0" : "tweetTextarea_0",
          suppressContentEditableWarning: true,
          onInput: (e) => setText(e.currentTarget.innerText.trim()),
        }, h("div", { "data-contents": "true" }, h("br"))),
      ),
    ),
    h("div", { className: "toolbar" },
      h("button", {
        type: "button", role: "button", "data-testid": BROKEN ? "postButton" : "tweetButtonInline",
        disabled: text === "", "aria-disabled": text === "" ? "true" : undefined,
        className: "css-175oi2r r-sdzlij r-1phboty r-rs99b7 r-lrvibr", onClick: post,
      }, h("div", { dir: "ltr" }, h("span", {}, h("span", {}, "Post")))),
    ),
  );
}
ReactDOM.createRoot(document.getElementById("react-root")).render(h(Composer));
