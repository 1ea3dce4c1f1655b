// The Configure tab's host side: each change the page sends is validated and written by the
// backend (user settings, the validation settings.json gets); a refusal is kept beside its field
// until that field changes again. Keys kept in SecretStorage are set through VS Code's own input
// boxes, never through the page.
import type { CONFIGURE_SHAPES, MappingRowInput, SecretCommandTarget } from '../../shared/dashboard/configure';
import type { SectionMessage } from '../../shared/dashboard/protocol';
import type { ConfigureErrors, ConfigureInput } from './configureView';
import type { SectionHost } from './section';

export type WriteOutcome = { ok: true } | { ok: false; error: string };

export interface ConfigureBackend {
  /** The form's fields with their values and sources, the secrets' states, what the resolver needs. */
  configure(): Promise<ConfigureInput>;
  /** Validates and writes one setting to user settings; nothing is written on a refusal. */
  writeSetting(key: string, value: string | boolean): Promise<WriteOutcome>;
  /** Removes the user-settings value. */
  resetSetting(key: string): Promise<WriteOutcome>;
  writeMapping(rows: MappingRowInput[]): Promise<WriteOutcome>;
  setSecret(target: SecretCommandTarget): Promise<void>;
  clearSecret(target: SecretCommandTarget): Promise<void>;
}

export type ConfigureMessage = SectionMessage<typeof CONFIGURE_SHAPES>;

export class ConfigureSection {
  private readonly fieldErrors = new Map<string, string>();
  private mappingError: string | undefined;
  /** The highest change number the page sent that has been answered. */
  private handled = 0;

  constructor(private readonly backend: ConfigureBackend, private readonly host: SectionHost) {}

  async handle(message: ConfigureMessage): Promise<void> {
    switch (message.type) {
      case 'setSetting':
        this.record(message.key, await this.backend.writeSetting(message.key, message.value));
        break;
      case 'resetSetting':
        this.record(message.key, await this.backend.resetSetting(message.key));
        break;
      case 'setMapping': {
        const outcome = await this.backend.writeMapping(message.rows);
        this.mappingError = outcome.ok ? undefined : outcome.error;
        if (!outcome.ok) this.host.logger.info(`dashboard: model mapping not written: ${outcome.error}`);
        break;
      }
      case 'setSecret':
        await this.backend.setSecret(message.target);
        break;
      case 'clearSecret':
        await this.backend.clearSecret(message.target);
        break;
    }
    if ('seq' in message && message.seq !== undefined) this.handled = Math.max(this.handled, message.seq);
    await this.host.refresh();
  }

  private record(key: string, outcome: WriteOutcome): void {
    if (outcome.ok) {
      this.fieldErrors.delete(key);
      return;
    }
    this.fieldErrors.set(key, outcome.error);
    this.host.logger.info(`dashboard: switchboard.${key} not written: ${outcome.error}`);
  }

  errors(): ConfigureErrors {
    return { fields: this.fieldErrors, handled: this.handled, ...(this.mappingError ? { mapping: this.mappingError } : {}) };
  }

  input(): Promise<ConfigureInput> {
    return this.backend.configure();
  }
}
