// The home moved to core (the extension uses the same one); kept so CLI imports stay short.
export { switchboardHome } from '../core/storage/home';
