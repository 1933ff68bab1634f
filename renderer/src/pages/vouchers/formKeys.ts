import type { KeyboardEvent } from 'react';

/**
 * Form keyboard: Ctrl/Cmd+S saves anywhere in the form; Enter saves from a plain text input
 * (not in a textarea, select or date picker, where Enter has its own meaning).
 */
export function saveKeys(save: () => void) {
  return (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    const ctrlS = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's';
    const enter = e.key === 'Enter' && target.tagName === 'INPUT' && !target.closest('.ant-select, .ant-picker, .ant-input-number');
    if (ctrlS || enter) { e.preventDefault(); save(); }
  };
}
