import { Fragment } from "react";

/** A URI in monospace that wraps between its parts — after "//", "/", "?", "&" and "#" — and,
 *  only when one part is still wider than the screen, inside it: never mid-word for no reason. */
export function UriText({ uri, className = "" }: { uri: string; className?: string }) {
  const parts = uri.split(/(?<=[/?&#])(?!\/)/);
  return (
    <code className={`font-mono wrap-anywhere ${className}`}>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </code>
  );
}
