import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

/**
 * One screen: a heading and its content. When the screen appears, the focus goes to the field marked
 * `data-autofocus` if the screen has one (the PIN field: the user is expected to type at once), else to the
 * heading (so screen readers and keyboards start at the top of what changed). It moves before the screen is
 * painted, so it never lands after the user has started typing.
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
  const section = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => {
    const field = section.current?.querySelector<HTMLElement>('[data-autofocus]:not([disabled])');
    (field ?? heading.current)?.focus();
  }, [title, name]);
  return (
    <section ref={section} class="screen" data-screen={name} aria-labelledby={`${name}-title`}>
      <h1 id={`${name}-title`} ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  );
}
