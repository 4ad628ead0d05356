import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { NAMING_TOKENS, namingExample, namingProblem } from './style-draft';
import { StyleDraftService } from './style-draft.service';

/** The file-name pattern of the exports, with what it makes of a sample person or why it cannot be used. */
@Component({
  selector: 'tf-naming-card',
  imports: [FormsModule, MatCard, MatCardHeader, MatCardTitle, MatCardContent, MatFormField, MatLabel, MatHint, MatInput],
  templateUrl: './naming-card.component.html',
  styleUrl: './naming-card.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NamingCardComponent {
  protected readonly draft = inject(StyleDraftService);
  protected readonly tokens = NAMING_TOKENS.map((t) => `{${t}}`).join(' ');
  protected readonly namingHint = computed(() => {
    const d = this.draft.doc();
    if (!d) return null;
    const problem = namingProblem(d.naming);
    return problem ? { problem, examples: [] as string[] } : { problem: null, examples: d.renditions.slice(0, 3).map((r) => namingExample(d.naming, r)) };
  });
}
