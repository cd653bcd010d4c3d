import { useEffect, useRef, useState } from 'react';
import { LangContext } from './i18n/context.js';
import type { Lang } from './i18n/format.js';
import { t, type MessageKey } from './i18n/messages.js';
import { platform } from './platform/index.js';
import { useSession } from './state/session.js';
import { loadSettings, updateSettings } from './state/settings.js';
import { OverviewView } from './views/OverviewView.js';
import { ImportView } from './views/ImportView.js';
import { tv, type ViewMessageKey } from './i18n/views-messages.js';
import { DashboardView } from './views/DashboardView.js';
import { TrendView } from './views/TrendView.js';
import { VariationView } from './views/VariationView.js';
import { PyramidView } from './views/PyramidView.js';
import { IndicatorDetailView } from './views/IndicatorDetailView.js';

type ViewId = 'home' | 'import' | 'dashboard' | 'trend' | 'variation' | 'pyramid' | 'detail';
const VIEWS: Array<{ id: ViewId; label: MessageKey } | { id: ViewId; viewLabel: ViewMessageKey }> = [
  { id: 'home', label: 'navHome' },
  { id: 'import', label: 'navImport' },
  { id: 'dashboard', viewLabel: 'navDashboard' },
  { id: 'trend', viewLabel: 'navTrend' },
  { id: 'variation', viewLabel: 'navVariation' },
  { id: 'pyramid', viewLabel: 'navPyramid' },
  { id: 'detail', viewLabel: 'navDetail' },
];

export function App() {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem('danso.lang') === 'en' ? 'en' : 'vi'));
  const [view, setView] = useState<ViewId>('home');

  const session = useSession();
  const settingsLoaded = useRef(false);
  /** The language shown now (read by the settings load that started before a change). */
  const langNow = useRef(lang);

  useEffect(() => {
    langNow.current = lang;
    document.documentElement.lang = lang;
    localStorage.setItem('danso.lang', lang);
    platform.setLanguage(lang);
    if (settingsLoaded.current) updateSettings({ lang });
  }, [lang]);

  // The language is one of the choices kept in the workspace: restore it on open.
  useEffect(() => {
    if (session.status !== 'ready') return;
    settingsLoaded.current = false;
    const before = lang;
    let cancelled = false;
    void loadSettings({ lang }).then((s) => {
      // Superseded by another workspace's load (which decides the language).
      if (cancelled || !s) return;
      settingsLoaded.current = true;
      // A language chosen while the settings were read wins over the saved one (and is saved).
      if (langNow.current !== before) updateSettings({ lang: langNow.current });
      else setLang(s.lang);
    });
    // Once per opened workspace: the current language is only the fallback.
    return () => {
      cancelled = true;
    };
  }, [session.status, session.name]);

  useEffect(
    () =>
      platform.onMenu((command) => {
        if (command === 'language-vi') setLang('vi');
        else if (command === 'language-en') setLang('en');
        else if (command === 'open-files') setView('import');
        else if (command === 'print-pdf') void platform.printToPdf('danso-workbench.pdf');
      }),
    [],
  );

  // The tabs pattern: Left/Right (wrapping), Home and End choose a tab and focus it.
  const onTabKey = (e: React.KeyboardEvent) => {
    const i = VIEWS.findIndex((v) => v.id === view);
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: VIEWS.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = VIEWS[(to + VIEWS.length) % VIEWS.length]!;
    setView(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };

  return (
    <LangContext.Provider value={lang}>
      <header className="app">
        <h1>{t('appName', lang)}</h1>
        <span className="tagline">{t('tagline', lang)}</span>
        <label>
          {t('language', lang)}
          <select aria-label={t('language', lang)} value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
            <option value="vi">Tiếng Việt</option>
            <option value="en">English</option>
          </select>
        </label>
      </header>
      <nav className="tabs" role="tablist" aria-label={lang === 'vi' ? 'Các mục' : 'Views'} onKeyDown={onTabKey}>
        {VIEWS.map((v) => (
          <button
            key={v.id}
            role="tab"
            id={`tab-${v.id}`}
            aria-selected={view === v.id}
            aria-controls={`panel-${v.id}`}
            // One tab stop for the row (the chosen tab); arrows move between tabs.
            tabIndex={view === v.id ? 0 : -1}
            onClick={() => setView(v.id)}
          >
            {'label' in v ? t(v.label, lang) : tv(v.viewLabel, lang)}
          </button>
        ))}
      </nav>
      <main id={`panel-${view}`} role="tabpanel" aria-labelledby={`tab-${view}`}>
        {view === 'home' && <OverviewView />}
        {view === 'import' && <ImportView />}
        {view === 'dashboard' && <DashboardView />}
        {view === 'trend' && <TrendView />}
        {view === 'variation' && <VariationView />}
        {view === 'pyramid' && <PyramidView />}
        {view === 'detail' && <IndicatorDetailView />}
      </main>
    </LangContext.Provider>
  );
}
