export interface Config {
  meshplane?: {
    /** The Meshplane permission policy (`@meshplane/plugin-permission-backend-module-meshplane`). */
    permissions?: {
      /**
       * Who may read an entity's mesh view (`meshplane.entity.read`):
       * `everyone` signed in, or only the entity's `owners`.
       * @defaultValue everyone
       */
      entityRead?: 'everyone' | 'owners';
      /**
       * Entity refs (groups or users) of platform admins, who may read, approve and
       * retry every group request and request for every workspace.
       */
      platformAdmins?: string[];
      /**
       * Whether a requester may approve their own group request.
       * @defaultValue false
       */
      allowSelfApproval?: boolean;
    };
  };
}
