import { ArtifactNotFoundError } from '../errors/artifact-not-found-error';
import { InvalidArtifactTransitionError } from '../errors/invalid-artifact-transition-error';
import type { Artifact, ArtifactHistoryEntry, ArtifactVersion } from './artifact-schemas';

export type Actor = { by: string; at: number; note?: string | undefined };

export function versionOf(artifact: Artifact, version: number): ArtifactVersion {
  const found = artifact.versions.find((candidate) => candidate.version === version);
  if (!found) throw new ArtifactNotFoundError({ artifactId: artifact.id, version });
  return found;
}

export function expectStatus(
  artifact: Artifact,
  version: ArtifactVersion,
  allowed: string[],
  action: string,
) {
  if (!allowed.includes(version.status)) {
    throw new InvalidArtifactTransitionError({
      artifactId: artifact.id,
      version: version.version,
      status: version.status,
      action,
    });
  }
}

export function log(
  artifact: Artifact,
  action: ArtifactHistoryEntry['action'],
  version: number,
  actor: Actor,
) {
  const entry: ArtifactHistoryEntry = { at: actor.at, action, version, by: actor.by };
  if (actor.note !== undefined) entry.note = actor.note;
  artifact.history.push(entry);
}

/** Makes `version` the active one; the previously active version becomes superseded. */
export function activate(
  artifact: Artifact,
  version: ArtifactVersion,
  action: 'approved' | 'activated' | 'rolled_back',
  actor: Actor,
) {
  const previous = artifact.versions.find((candidate) => candidate.status === 'active');
  if (previous) previous.status = 'superseded';
  version.status = 'active';
  artifact.activeVersion = version.version;
  log(artifact, action, version.version, actor);
}

export type Proposal = Pick<ArtifactVersion, 'content' | 'origin'> & {
  rationale?: string;
  evidence?: unknown;
};

/** Adds a proposed version; an identical pending proposal is returned instead of a duplicate. */
export function proposeVersion(
  artifact: Artifact,
  proposal: Proposal,
  actor: Actor,
): ArtifactVersion {
  const pending = artifact.versions.find(
    (version) => version.status === 'proposed' && version.content === proposal.content,
  );
  if (pending) return pending;
  const version: ArtifactVersion = {
    version: Math.max(0, ...artifact.versions.map((candidate) => candidate.version)) + 1,
    content: proposal.content,
    status: 'proposed',
    origin: proposal.origin,
    createdAt: actor.at,
    createdBy: actor.by,
    reviews: [],
  };
  if (proposal.rationale !== undefined) version.rationale = proposal.rationale;
  if (proposal.evidence !== undefined) version.evidence = proposal.evidence;
  artifact.versions.push(version);
  log(artifact, 'proposed', version.version, actor);
  return version;
}

export function approveVersion(artifact: Artifact, versionNumber: number, actor: Actor): void {
  const version = versionOf(artifact, versionNumber);
  expectStatus(artifact, version, ['proposed'], 'approve');
  activate(artifact, version, 'approved', actor);
}

export function rejectVersion(artifact: Artifact, versionNumber: number, actor: Actor): void {
  const version = versionOf(artifact, versionNumber);
  expectStatus(artifact, version, ['proposed'], 'reject');
  version.status = 'rejected';
  log(artifact, 'rejected', version.version, actor);
}

/** Reactivates a previously active version: by default the one active before the current one. */
export function rollbackVersion(
  artifact: Artifact,
  toVersion: number | undefined,
  actor: Actor,
): void {
  const activations = ['created', 'approved', 'activated', 'rolled_back'];
  const target =
    toVersion ??
    artifact.history.findLast(
      (entry) => activations.includes(entry.action) && entry.version !== artifact.activeVersion,
    )?.version;
  if (target === undefined) {
    throw new InvalidArtifactTransitionError({
      artifactId: artifact.id,
      version: artifact.activeVersion ?? 1,
      status: 'the only version ever active',
      action: 'roll back',
    });
  }
  const version = versionOf(artifact, target);
  expectStatus(artifact, version, ['superseded'], 'roll back to');
  activate(artifact, version, 'rolled_back', actor);
}
