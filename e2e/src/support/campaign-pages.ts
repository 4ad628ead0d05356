import type { Locator, Page } from 'playwright-core';

/**
 * The numbers a `<dl>` of labelled counts shows (the campaign tiles and its summary), as a person
 * reads them: the label without its decorative icon, and the number under it.
 */
export async function readCounts(scope: Locator): Promise<Record<string, number>> {
  return scope.evaluate((root) => {
    const out: Record<string, number> = {};
    for (const dt of Array.from(root.querySelectorAll('dt'))) {
      const label = dt.cloneNode(true) as HTMLElement;
      for (const hidden of Array.from(label.querySelectorAll('[aria-hidden="true"]'))) hidden.remove();
      out[(label.textContent ?? '').trim()] = Number(dt.nextElementSibling?.textContent?.trim());
    }
    return out;
  });
}

/** The campaign dashboard, found by roles and labels. */
export class CampaignDashboard {
  constructor(readonly page: Page) {}

  progress(): Locator {
    return this.page.getByRole('region', { name: 'Progress' });
  }

  summary(): Locator {
    return this.page.getByRole('region', { name: 'Summary' });
  }

  members(): Locator {
    return this.page.getByRole('region', { name: 'People in this campaign' });
  }

  /** Picks a state filter chip ("Missing", "Approved", …); its count follows the label. */
  async filter(label: string): Promise<void> {
    await this.members().getByRole('option', { name: new RegExp(`^${label}\\b`) }).click();
  }

  rows(): Locator {
    return this.members().getByRole('row').filter({ has: this.page.getByRole('cell') });
  }
}

/** The "New campaign" dialog. */
export class NewCampaignDialog {
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'New campaign' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'New campaign' }).first().click();
    await this.dialog.waitFor();
  }

  /** `dueOn` is typed as the date picker's own (en-US) format, the way a person can type it. */
  async fill(name: string, dueOn: Date): Promise<void> {
    await this.dialog.getByLabel('Campaign name').fill(name);
    const due = this.dialog.getByLabel('Due date');
    await due.fill(`${dueOn.getUTCMonth() + 1}/${dueOn.getUTCDate()}/${dueOn.getUTCFullYear()}`);
    await due.blur();
  }

  async department(name: string): Promise<void> {
    await this.dialog.getByRole('radio', { name: 'A department' }).check();
    await this.dialog.getByRole('combobox', { name: 'Department' }).click();
    await this.page.getByRole('option', { name, exact: true }).click();
  }

  async start(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Start campaign' }).click();
    await this.dialog.waitFor({ state: 'detached' });
  }
}
