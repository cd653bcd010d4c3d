import { useEffect, useRef, type ReactNode } from 'react';
import { useViewText } from '../i18n/views-messages.js';
import { useResults, type ResultIndex } from '../state/results.js';
import { getSettings, loadSettings, updateSettings } from '../state/settings.js';
import { useSession } from '../state/session.js';
import './views.css';

/** Switch the app's language through its own labelled selector (App owns that state). */
function applyLanguage(lang: string) {
  const select = document.querySelector<HTMLSelectElement>('header.app select');
  if (!select || select.value === lang) return;
  const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set;
  setter?.call(select, lang);
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

/**
 * Every analysis view's frame: loads the workspace's settings, keeps the language choice in
 * them, and shows the view once the indicators are computed (cached afterwards).
 */
export function ViewFrame({ title, children }: { title: string; children: (index: ResultIndex) => ReactNode }) {
  const { lang, tv } = useViewText();
  const session = useSession();
  const results = useResults();
  const loaded = useRef(false);

  useEffect(() => {
    if (session.status !== 'ready') return;
    void loadSettings().then((s) => {
      loaded.current = true;
      if (s.lang !== lang) applyLanguage(s.lang);
    });
    // Load once per opened workspace; the language is handled below.
  }, [session.status, session.name, session.revision]);

  useEffect(() => {
    if (loaded.current && getSettings().lang !== lang) updateSettings({ lang });
  }, [lang]);

  let body: ReactNode;
  if (session.status !== 'ready') body = <p aria-busy="true">{session.status === 'error' ? session.error : tv('waiting')}</p>;
  else if (results.status === 'loading') body = <p aria-busy="true" data-testid="computing">{tv('computing')}</p>;
  else if (results.status === 'error') body = <p className="error" role="alert">{results.error}</p>;
  else if (results.value.years.length === 0) body = <p>{tv('noData')}</p>;
  else body = children(results.value);
  return (
    <section className="panel view" aria-labelledby="view-title">
      <h2 id="view-title">{title}</h2>
      {body}
    </section>
  );
}
