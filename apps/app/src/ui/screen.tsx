import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/**
 * One screen: a heading that takes the focus when the screen appears (so screen readers and keyboards start at
 * the top of what changed), and its content.
 */
export function Screen({
  title,
  children,
  name,
}: {
  title: string;
  children: ComponentChildren;
  name: string;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [title, name]);
  return (
    <section class="screen" data-screen={name} aria-labelledby={`${name}-title`}>
      <h1 id={`${name}-title`} ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  );
}
