import { useShallow } from 'zustand/react/shallow';
import {
  TEXT_SIZES,
  THEMES,
  useSettingsStore,
  type TextSize,
  type Theme,
} from '../state/settings-store';
import './settings.css';

const themeLabel: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };
const sizeLabel: Record<TextSize, string> = { small: 'Small', medium: 'Medium', large: 'Large' };

function Choice<T extends string>({
  legend,
  name,
  options,
  labels,
  value,
  onChange,
}: {
  legend: string;
  name: string;
  options: readonly T[];
  labels: Record<T, string>;
  value: T;
  onChange(value: T): void;
}) {
  return (
    <fieldset className="settings-choice">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option}>
          <input
            type="radio"
            name={name}
            value={option}
            checked={value === option}
            onChange={() => onChange(option)}
          />
          {labels[option]}
        </label>
      ))}
    </fieldset>
  );
}

/** Theme and text size, kept in this browser. */
export function DisplaySettings() {
  const { theme, textSize, setTheme, setTextSize } = useSettingsStore(
    useShallow((s) => ({
      theme: s.theme,
      textSize: s.textSize,
      setTheme: s.setTheme,
      setTextSize: s.setTextSize,
    })),
  );
  return (
    <details className="display-settings">
      <summary>Display</summary>
      <div className="display-settings-body">
        <Choice
          legend="Theme"
          name="theme"
          options={THEMES}
          labels={themeLabel}
          value={theme}
          onChange={setTheme}
        />
        <Choice
          legend="Text size"
          name="text-size"
          options={TEXT_SIZES}
          labels={sizeLabel}
          value={textSize}
          onChange={setTextSize}
        />
      </div>
    </details>
  );
}
