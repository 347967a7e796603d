import {
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  type Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';

const policy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

/** Checks entities with the policies and kind validators the catalog backend applies. */
export async function expectValidEntities(entities: Entity[]): Promise<void> {
  for (const entity of entities) {
    await expect(policy.enforce(entity)).resolves.toBeDefined();
    const validator =
      entity.kind === 'Component'
        ? componentEntityV1alpha1Validator
        : resourceEntityV1alpha1Validator;
    await expect(validator.check(entity)).resolves.toBe(true);
  }
}
