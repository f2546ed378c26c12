package de.participation.web.settings;

/** A service was started without a {@link RequiredSetting}. */
public class MissingSettingException extends RuntimeException {

    private final transient RequiredSetting setting;

    MissingSettingException(RequiredSetting setting) {
        super(setting.variable() + " is not set: the service needs " + setting.purpose() + " ("
                + setting.property() + ")");
        this.setting = setting;
    }

    public RequiredSetting setting() {
        return setting;
    }
}
