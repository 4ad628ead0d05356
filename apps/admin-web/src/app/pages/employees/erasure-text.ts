import type { ErasurePreview } from '@teamframe/shared-types';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The erase confirmation: every kind of thing that goes, counted, and that it cannot be undone. */
export function erasureSentence(p: ErasurePreview): string {
  const parts = [
    `the employee record of ${p.name} (${p.email})`,
    count(p.uploads, 'selfie', 'selfies'),
    count(p.headshots, 'headshot with its image files', 'headshots with their image files'),
    count(p.invites, 'invite link', 'invite links'),
  ];
  if (p.refusedAttempts) parts.push(count(p.refusedAttempts, 'record of a refused selfie', 'records of refused selfies'));
  if (p.exports) parts.push(count(p.exports, 'export ZIP that contains them (deleted whole, for everyone)', 'export ZIPs that contain them (deleted whole, for everyone)'));
  const list = `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `This permanently deletes ${list}. The audit log keeps that an employee was erased and by whom, without the name. This cannot be undone.`;
}
