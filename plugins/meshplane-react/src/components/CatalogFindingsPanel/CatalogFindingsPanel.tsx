import type { Entity } from '@backstage/catalog-model';
import { WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import {
  ANNOTATION_MESHPLANE_CATALOG_FINDINGS,
  type MeshplaneCatalogFinding,
  parseCatalogFindingsAnnotation,
} from '@meshplane/plugin-meshplane-common';
import { pluralize } from '../../format';

function readFindings(
  entity: Entity,
): { findings: MeshplaneCatalogFinding[] } | { error: Error } {
  const value =
    entity.metadata.annotations?.[ANNOTATION_MESHPLANE_CATALOG_FINDINGS];
  try {
    return { findings: value ? parseCatalogFindingsAnnotation(value) : [] };
  } catch (error) {
    return { error: error as Error };
  }
}

/**
 * What Meshplane's catalog module had to correct or choose for this entity
 * (annotation `meshplane.io/catalog-findings`: an invalid name, a missing or
 * conflicting owner, a duplicate or unparsable claim, a cluster not synced
 * yet…), each with its code and message. Renders nothing when there is none.
 *
 * @public
 */
export function CatalogFindingsPanel(props: { entity: Entity }) {
  const read = readFindings(props.entity);
  if ('error' in read) {
    return (
      <WarningPanel
        severity="warning"
        title="The catalog findings of this entity cannot be read"
        message={read.error.message}
      />
    );
  }
  const { findings } = read;
  if (findings.length === 0) return null;
  return (
    <div data-testid="meshplane-catalog-findings">
      <WarningPanel
        severity="warning"
        title={`The catalog reports ${pluralize(
          findings.length,
          'problem',
        )} with this entity's mesh data`}
        defaultExpanded
      >
        {findings.map((finding, index) => (
          <Typography key={index} variant="body2" gutterBottom>
            <strong>{finding.code}</strong>: {finding.message}
          </Typography>
        ))}
      </WarningPanel>
    </div>
  );
}
