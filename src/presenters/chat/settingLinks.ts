// Settings named in an error's hint, as the chat shows them: the hint reads the setting's label and
// the webview turns that label into a link that opens the setting. Most errors already name their
// settings as data (SwitchboardError.settings, labels in the text); hints that still spell a raw id
// (`switchboard.timeouts.firstTokenSeconds`) or VS Code's `#switchboard.…#` link syntax are
// rewritten here, so the reader never sees an id.
import { FIELDS } from '../../core/config/schema';
import { BUDGET_SETTINGS, settingRef } from '../../core/settingRefs';
import type { SettingLink } from '../../shared/chatTypes';

/** Labels settingRefs gives (a field it has no label for comes back labelled with its key: not a label). */
const KNOWN: ReadonlyMap<string, string> = new Map(
  [...FIELDS.map((f) => ({ key: f.key, ref: settingRef(f.key) })).filter(({ key, ref }) => ref.label !== key).map(({ ref }) => ref), ...Object.values(BUDGET_SETTINGS)]
    .map((ref) => [ref.id, ref.label]),
);

/** `#switchboard.a.b#` or a bare `switchboard.a.b` (a trailing full stop is the sentence's). */
const SETTING_ID = /#?(switchboard(?:\.[A-Za-z][A-Za-z0-9]*)+)#?/g;

const words = (part: string): string => part.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());

/** The label a person reads for a setting id: ours where we have one, else VS Code's own ("Timeouts: First Token Seconds"). */
export function settingLabel(id: string): string {
  const known = KNOWN.get(id);
  if (known) return known;
  const parts = id.split('.').slice(1).map(words);
  const title = parts.pop() ?? id;
  return parts.length > 0 ? `${parts.join(' › ')}: ${title}` : title;
}

/** The hint with every raw setting id replaced by its label, and the settings it names (the error's own first). */
export function linkSettings(hint: string | undefined, settings: readonly SettingLink[]): { hint: string | undefined; settings: SettingLink[] } {
  const links = [...settings];
  if (!hint) return { hint, settings: links };
  const text = hint.replace(SETTING_ID, (_match, id: string) => {
    const label = links.find((s) => s.id === id)?.label ?? settingLabel(id);
    if (!links.some((s) => s.id === id)) links.push({ id, label });
    return label;
  });
  return { hint: text, settings: links };
}
