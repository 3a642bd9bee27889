import type { Artifact, ArtifactKind } from './artifact-schemas';

export interface NewArtifact {
  id: string;
  kind: ArtifactKind;
  name: string;
  content: string;
  scope: { category?: string | undefined };
  by: string;
}

/** An artifact whose version 1, written by a human, is active at once. */
export function newArtifact(
  { id, kind, name, content, scope, by }: NewArtifact,
  at: number,
): Artifact {
  const artifact: Artifact = {
    id,
    kind,
    name,
    scope: scope.category ? { category: scope.category } : {},
    revision: 1,
    activeVersion: 1,
    versions: [
      {
        version: 1,
        content,
        status: 'active',
        origin: 'authored',
        createdAt: at,
        createdBy: by,
        reviews: [],
      },
    ],
    history: [{ at, action: 'created', version: 1, by }],
    createdAt: at,
    updatedAt: at,
  };
  return artifact;
}
