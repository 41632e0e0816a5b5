import type { ReactNode } from 'react';

export function Panel(props: { readonly id: string; readonly title: string; readonly children: ReactNode }) {
  const headingId = `${props.id}-heading`;
  return (
    <section className={`panel panel--${props.id}`} aria-labelledby={headingId}>
      <h2 className="panel__title" id={headingId}>
        {props.title}
      </h2>
      <div className="panel__body">{props.children}</div>
    </section>
  );
}

export function EmptyState(props: { readonly children: ReactNode }) {
  return <p className="empty-state">{props.children}</p>;
}
