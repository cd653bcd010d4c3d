import { useLang } from '../i18n/context.js';

export function ImportView() {
  const { tr } = useLang();
  return (
    <section className="panel">
      <h2>{tr('navImport')}</h2>
      <p className="note">{tr('dropHere')}</p>
    </section>
  );
}
