import { createContext, useContext } from 'react';
import type { Lang } from './format.js';
import { t, type MessageKey } from './messages.js';

export const LangContext = createContext<Lang>('vi');

/** The current language and a translator bound to it. */
export function useLang(): { lang: Lang; tr: (key: MessageKey) => string } {
  const lang = useContext(LangContext);
  return { lang, tr: (key) => t(key, lang) };
}
