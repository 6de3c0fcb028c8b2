// zh-CN and English. The language is chosen by ?lang=, else the last choice on this
// machine, else Chinese; features add their own namespaces with addResourceBundle.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { zh } from './zh.js';

export type Language = 'zh-CN' | 'en';
const storageKey = 'portwall.language';

export function initialLanguage(search: string, stored: string | null): Language {
  const requested = new URLSearchParams(search).get('lang') ?? stored;
  return requested === 'en' ? 'en' : 'zh-CN';
}

export async function initI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { common: zh }, en: { common: en } },
    lng: initialLanguage(window.location.search, localStorage.getItem(storageKey)),
    fallbackLng: 'zh-CN',
    defaultNS: 'common',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  return i18next;
}

export async function setLanguage(language: Language): Promise<void> {
  localStorage.setItem(storageKey, language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
