import './base.css';
import './notebook7.css';
