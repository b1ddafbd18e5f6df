/** 接待公告 (打印): a published reception's printable notice (`receptions.notice`), previewed. */
import { care } from '../../../behaviors/care';
import { noticePage } from '../common/notice';

noticePage('receptions', { behaviors: [care] });
