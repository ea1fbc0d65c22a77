"use client";

import { Streamdown, defaultRemarkPlugins } from "streamdown";

type Node = { type: string; value?: string; children?: Node[] };

// Raw HTML in a reply is shown as text, never rendered: turn markdown's html nodes into text.
function remarkHtmlAsText() {
  const visit = (node: Node) => {
    if (node.type === "html") node.type = "text";
    node.children?.forEach(visit);
  };
  return (tree: Node) => visit(tree);
}

const remarkPlugins = [...Object.values(defaultRemarkPlugins), remarkHtmlAsText];

export default function Markdown({ children, streaming }: { children: string; streaming: boolean }) {
  return (
    <Streamdown
      className="markdown space-y-2 break-words"
      remarkPlugins={remarkPlugins}
      mode={streaming ? "streaming" : "static"}
      isAnimating={streaming}
      controls={false}
    >
      {children}
    </Streamdown>
  );
}
