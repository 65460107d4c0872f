/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The model hub (a school's mirror); Hugging Face when unset. */
  readonly VITE_MODEL_HUB?: string;
}
